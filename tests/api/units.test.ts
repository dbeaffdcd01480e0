import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorOf, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { bringTo } from '../helpers/steps.js';

let t: TestApp;
let office: Agent;
let technician: Agent;
test.beforeAll(({ t: testApp, office: fOffice, technician: fTechnician }) => {
  t = testApp;
  [office, technician] = [fOffice, fTechnician];
});

const newUnit = (over: Record<string, unknown> = {}) => ({ code: uniq('621223'), name: '哈达铺镇人民政府', kind: 'township', ...over });

describe('creating units', () => {
  it('creates a unit (201) with pending stages and its own due dates', async () => {
    const res = await office.post('/api/units', newUnit({ contactName: '张三', contactPhone: '0939-5521234', wiringDue: '2026-12-15', connectionDue: '2026-12-31' }));
    expect(res.statusCode).toBe(201);
    const { unit } = res.json();
    expect(unit).toMatchObject({ kind: 'township', contactName: '张三', wiringDue: '2026-12-15', connectionDue: '2026-12-31', parentCode: null });
    for (const stage of ['wiring', 'connection', 'registration']) expect(unit.progress[stage].status).toBe('pending');
    expect(unit.progress).toMatchObject({ onboarded: false, lastEventAt: null });
  });

  it('refuses a duplicate code with 409', async () => {
    const body = newUnit();
    await office.post('/api/units', body);
    const res = await office.post('/api/units', { ...body, name: '另一个' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('CONFLICT');
  });

  it.each([
    ['kind', { kind: 'village' }],
    ['name', { name: '' }],
    ['wiringDue', { wiringDue: '2026-02-30' }],
    ['code', { code: 'has space' }],
    ['contactPhone', { contactPhone: 'call me' }],
  ])('refuses a bad %s with 400 naming it', async (field, over) => {
    const res = await office.post('/api/units', newUnit(over));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('refuses a unit whose connection falls due before its wiring, naming both dates; the same day is fine', async () => {
    const res = await office.post('/api/units', newUnit({ wiringDue: '2027-03-01', connectionDue: '2026-12-07' }));
    expect(res.statusCode, res.body).toBe(400);
    const details = errorOf(res).details as { field: string; message: string }[];
    expect(details).toEqual([expect.objectContaining({ field: 'connectionDue' })]);
    expect(details[0]!.message).toMatch(/2026-12-07.*2027-03-01/);
    expect((await office.post('/api/units', newUnit({ wiringDue: '2027-03-01', connectionDue: '2027-03-01' }))).statusCode).toBe(201);
  });
});

describe('reading units', () => {
  it('reads one unit with its progress', async () => {
    const unit = await t.unit();
    const res = await technician.get(`/api/units/${unit.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().unit).toMatchObject({ id: unit.id, code: unit.code, progress: { wiring: { status: 'pending' } } });
  });

  it('answers 404 for an id that names nothing, whatever its shape', async () => {
    for (const id of [randomUUID(), 'abc', '1']) expect((await office.get(`/api/units/${id}`)).statusCode).toBe(404);
  });

  it("lets a unit's contact read its own unit only, and not the list", async () => {
    const mine = await t.unit();
    const other = await t.unit();
    const contact = await t.as('unit', { unitId: mine.id });
    expect((await contact.get(`/api/units/${mine.id}`)).statusCode).toBe(200);
    expect((await contact.get(`/api/units/${other.id}`)).statusCode).toBe(403);
    expect((await contact.get('/api/units')).statusCode).toBe(403);
  });

  it('pages the list on the server', async () => {
    const area = uniq('area');
    for (let i = 0; i < 5; i++) await t.unit({ parentCode: area, code: `${area}-${i}` });
    const page2 = (await office.get(`/api/units?parentCode=${area}&pageSize=2&page=2`)).json();
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.items.map((u: { code: string }) => u.code)).toEqual([`${area}-2`, `${area}-3`]);
  });

  it('filters by q (name or code), kind, stage + status and onboarded', async () => {
    const area = uniq('area');
    const a = await t.unit({ parentCode: area, name: '城关镇', kind: 'township' });
    const b = await t.unit({ parentCode: area, name: '县财政局', kind: 'department' });
    const c = await t.unit({ parentCode: area, name: '县教育局', kind: 'department' });
    await bringTo(office, b.id, 'wired');
    await office.post(`/api/units/${c.id}/events`, { type: 'wiring.refused', data: { reason: '不让进' } });
    const codes = async (query: string) =>
      (await office.get(`/api/units?parentCode=${area}&${query}`)).json().items.map((u: { id: string }) => u.id).sort();
    expect(await codes('q=财政')).toEqual([b.id]);
    expect(await codes(`q=${a.code.slice(2, 8)}`)).toEqual([a.id]);
    expect(await codes('kind=department')).toEqual([b.id, c.id].sort());
    expect(await codes('stage=wiring&status=blocked')).toEqual([c.id]);
    expect(await codes('stage=wiring&status=done')).toEqual([b.id]);
    expect(await codes('onboarded=false')).toHaveLength(3);
    expect(await codes('onboarded=true')).toEqual([]);
  });

  it('treats % and _ in q literally', async () => {
    const area = uniq('area');
    await t.unit({ parentCode: area, name: '100%接入办' });
    await t.unit({ parentCode: area, name: '普通单位' });
    expect((await office.get(`/api/units?parentCode=${area}&q=${encodeURIComponent('%')}`)).json().total).toBe(1);
  });

  it('refuses pageSize over 500, page 0 and a status without a stage with 400', async () => {
    for (const q of ['pageSize=501', 'page=0', 'status=done', 'kind=village', 'onboarded=yes']) {
      const res = await office.get(`/api/units?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(errorOf(res).code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('changing units', () => {
  it('refuses a PATCH that puts the connection due before the wiring, judged against the stored date', async () => {
    const { unit } = (await office.post('/api/units', newUnit({ wiringDue: '2027-03-01' }))).json();
    const res = await office.patch(`/api/units/${unit.id}`, { connectionDue: '2026-12-07' });
    expect(res.statusCode, res.body).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'connectionDue', message: expect.stringContaining('2027-03-01') })]);
    expect((await office.patch(`/api/units/${unit.id}`, { wiringDue: '2026-12-01', connectionDue: '2026-12-07' })).statusCode).toBe(200);
    expect((await office.patch(`/api/units/${unit.id}`, { wiringDue: '2026-12-08' })).statusCode).toBe(400);
  });

  it('updates fields and clears optional ones with null', async () => {
    const { unit } = (await office.post('/api/units', newUnit({ contactName: '张三' }))).json();
    const res = await office.patch(`/api/units/${unit.id}`, { name: '新名称', contactName: null, connectionDue: '2027-01-31' });
    expect(res.statusCode).toBe(200);
    expect(res.json().unit).toMatchObject({ name: '新名称', contactName: null, connectionDue: '2027-01-31', code: unit.code });
  });

  it('refuses a code taken by another unit with 409 and an unknown unit with 404', async () => {
    const a = (await office.post('/api/units', newUnit())).json().unit;
    const b = (await office.post('/api/units', newUnit())).json().unit;
    expect((await office.patch(`/api/units/${b.id}`, { code: a.code })).statusCode).toBe(409);
    expect((await office.patch(`/api/units/${randomUUID()}`, { name: 'x' })).statusCode).toBe(404);
  });

  it('will not change progress through PATCH', async () => {
    const unit = await t.unit();
    const res = await office.patch(`/api/units/${unit.id}`, { progress: { onboarded: true } });
    expect(res.statusCode).toBe(400);
  });

  it('is the office’s alone', async () => {
    const unit = await t.unit();
    expect((await technician.patch(`/api/units/${unit.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await technician.post('/api/units', newUnit())).statusCode).toBe(403);
  });
});

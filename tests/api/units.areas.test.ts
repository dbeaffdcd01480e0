// Units in areas (docs/contract/areas.md, "The area tree", "Scopes"): a unit's county on create and PATCH, the
// scope every list, export, assignment and the step feed keep, and `area=` narrowing them.
// Two counties of 陇南市 (6212): 宕昌县 621223 and 武都区 621202.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorOf, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { TANCHANG, WUDU, LONGNAN, test } from '../helpers/fixture.js';

let t: TestApp;
let whole: Agent;
let city: Agent;
let county: Agent;
test.beforeAll(({ t: testApp, office: fOffice, longnan, tanchang }) => {
  t = testApp;
  [whole, city, county] = [fOffice, longnan.office, tanchang.office];
});

/** One unit in each county and one in none, under a 片区 of their own so that lists can be read apart. */
async function threeUnits() {
  const group = uniq('P');
  const [a, b, none] = await Promise.all([
    t.unit({ code: `${group}-A`, parentCode: group, areaCode: TANCHANG }),
    t.unit({ code: `${group}-B`, parentCode: group, areaCode: WUDU }),
    t.unit({ code: `${group}-N`, parentCode: group }),
  ]);
  return { group, a, b, none };
}

const codesOf = async (agent: Agent, url: string) => {
  const res = await agent.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { code: string }[]).map((u) => u.code);
};

const digits = () => String(Math.floor(Math.random() * 1000)).padStart(3, '0');

describe('a unit’s county on create', () => {
  it('takes the county a township’s code names, with its name', async () => {
    const code = `${TANCHANG}${digits()}${digits()}`;
    const res = await whole.post('/api/units', { code, name: '哈达铺镇', kind: 'township' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().unit).toMatchObject({ areaCode: TANCHANG, areaName: '宕昌县' });
    const read = await whole.get(`/api/units/${res.json().unit.id}`);
    expect(read.json().unit).toMatchObject({ areaCode: TANCHANG, areaName: '宕昌县' });
  });

  it('takes the creating office’s county for a department, and the one named', async () => {
    const own = await county.post('/api/units', { code: uniq('D'), name: '县财政局', kind: 'department' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().unit.areaCode).toBe(TANCHANG);
    const named = await city.post('/api/units', { code: uniq('D'), name: '区财政局', kind: 'department', areaCode: WUDU });
    expect(named.statusCode, named.body).toBe(201);
    expect(named.json().unit).toMatchObject({ areaCode: WUDU, areaName: '武都区' });
  });

  it('leaves a whole-installation office’s department without a county, unless the home area names one', async () => {
    const none = await whole.post('/api/units', { code: uniq('D'), name: '某局', kind: 'department' });
    expect(none.json().unit).toMatchObject({ areaCode: null, areaName: null });
    await t.database.db.execute(sql`update settings set home_area = ${WUDU} where id = 1`);
    try {
      const home = await whole.post('/api/units', { code: uniq('D'), name: '某局', kind: 'department' });
      expect(home.json().unit).toMatchObject({ areaCode: WUDU, areaName: '武都区' });
    } finally {
      await t.database.db.execute(sql`update settings set home_area = null where id = 1`);
    }
  });

  it('asks a city office for the county it cannot derive (400), and refuses one outside the scope (403)', async () => {
    const res = await city.post('/api/units', { code: uniq('D'), name: '某局', kind: 'department' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'areaCode' })]);
    const outside = await county.post('/api/units', { code: uniq('D'), name: '某局', kind: 'department', areaCode: WUDU });
    expect(outside.statusCode).toBe(403);
    expect(errorOf(outside).message).toContain('武都区');
    // a township of the other county, by its code
    expect((await county.post('/api/units', { code: `${WUDU}${digits()}${digits()}`, name: '某镇', kind: 'township' })).statusCode).toBe(403);
  });

  it('refuses a code that names no county with 400 in Chinese', async () => {
    for (const areaCode of ['999999', '621200']) {
      const res = await whole.post('/api/units', { code: uniq('D'), name: '某局', kind: 'department', areaCode });
      expect(res.statusCode, areaCode).toBe(400);
      expect(errorOf(res).details).toEqual([{ field: 'areaCode', message: `所属区县代码 ${areaCode} 不是一个区县` }]);
    }
    expect((await whole.post('/api/units', { code: uniq('D'), name: '某局', kind: 'department', areaCode: LONGNAN })).statusCode).toBe(400);
  });
});

describe('a unit’s county on PATCH', () => {
  it('moves a unit between counties inside the scope only', async () => {
    const { a, b } = await threeUnits();
    expect((await county.patch(`/api/units/${a.id}`, { areaCode: WUDU })).statusCode).toBe(403);
    const moved = await city.patch(`/api/units/${a.id}`, { areaCode: WUDU });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().unit).toMatchObject({ areaCode: WUDU, areaName: '武都区' });
    // a unit outside the scope does not exist for the caller
    expect((await county.patch(`/api/units/${b.id}`, { name: '改名' })).statusCode).toBe(404);
    expect((await county.get(`/api/units/${b.id}`)).statusCode).toBe(404);
  });

  it('takes a unit out of every county for the whole installation only', async () => {
    const { a } = await threeUnits();
    expect((await county.patch(`/api/units/${a.id}`, { areaCode: null })).statusCode).toBe(403);
    const res = await whole.patch(`/api/units/${a.id}`, { areaCode: null });
    expect(res.json().unit).toMatchObject({ areaCode: null, areaName: null });
    expect((await whole.patch(`/api/units/${a.id}`, { areaCode: '999999' })).statusCode).toBe(400);
  });
});

describe('lists by scope and area', () => {
  test('lists the units inside the caller’s scope only; a unit without a county for the whole installation only', async ({ wudu }) => {
    const { group, a, b, none } = await threeUnits();
    expect(await codesOf(county, `/api/units?parentCode=${group}`)).toEqual([a.code]);
    expect(await codesOf(city, `/api/units?parentCode=${group}`)).toEqual([a.code, b.code]);
    expect(await codesOf(whole, `/api/units?parentCode=${group}`)).toEqual([a.code, b.code, none.code]);
    const technician = wudu.technician;
    expect(await codesOf(technician, `/api/units?parentCode=${group}`)).toEqual([b.code]);
    const list = (await city.get(`/api/units?parentCode=${group}`)).json();
    expect(list.total).toBe(2);
    expect(list.items[0]).toMatchObject({ areaCode: TANCHANG, areaName: '宕昌县' });
  });

  it('narrows to area= of any level inside the scope, and answers 404 for one outside it or none', async () => {
    const { group, a, b } = await threeUnits();
    expect(await codesOf(city, `/api/units?parentCode=${group}&area=${TANCHANG}`)).toEqual([a.code]);
    expect(await codesOf(whole, `/api/units?parentCode=${group}&area=${LONGNAN}`)).toEqual([a.code, b.code]);
    expect(await codesOf(whole, `/api/units?parentCode=${group}&area=62`)).toEqual([a.code, b.code]);
    expect(await codesOf(county, `/api/units?parentCode=${group}&area=${TANCHANG}`)).toEqual([a.code]);
    for (const area of [WUDU, LONGNAN]) expect((await county.get(`/api/units?area=${area}`)).statusCode, area).toBe(404);
    expect((await whole.get('/api/units?area=629999')).statusCode).toBe(404);
    expect((await whole.get('/api/units?area=abc')).statusCode).toBe(400);
  });

  it('exports the same units with their county (所属区县), as CSV and as a workbook', async () => {
    const { group, a, b } = await threeUnits();
    const rows: Record<string, string>[] = parse((await county.get(`/api/units.csv?parentCode=${group}`)).rawPayload, { bom: true, columns: true });
    expect(rows.map((r) => [r['编码'], r['所属区县']])).toEqual([[a.code, '宕昌县']]);
    const all: Record<string, string>[] = parse((await whole.get(`/api/units.csv?parentCode=${group}`)).rawPayload, { bom: true, columns: true });
    expect(all.map((r) => r['所属区县'])).toEqual(['宕昌县', '武都区', '']);
    const res = await city.get(`/api/units.xlsx?parentCode=${group}&area=${WUDU}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const headers = sheet.getRow(2).values as unknown[];
    expect(sheet.rowCount).toBe(3);
    expect([sheet.getRow(3).getCell(headers.indexOf('编码')).value, sheet.getRow(3).getCell(headers.indexOf('所属区县')).value]).toEqual([b.code, '武都区']);
    expect((await county.get(`/api/units.csv?area=${WUDU}`)).statusCode).toBe(404);
  });
});

describe('assigning inside the scope', () => {
  test('assigns only the units inside the scope, to a technician inside it', async ({ tanchang, wudu, technician }) => {
    const { group, a, b } = await threeUnits();
    const [own, wide, other] = [tanchang.technician, technician, wudu.technician];
    const res = await county.post('/api/units/assign', { technicianId: own.user.id, unitIds: [a.id, b.id] });
    expect(res.json()).toEqual({ updated: 1 });
    expect((await county.post('/api/units/assign', { technicianId: own.user.id, parentCode: group })).json()).toEqual({ updated: 1 });
    expect((await whole.get(`/api/units/${b.id}`)).json().unit.assigneeId).toBeNull();
    for (const tech of [wide, other]) {
      const refused = await county.post('/api/units/assign', { technicianId: tech.user.id, unitIds: [a.id] });
      expect(refused.statusCode).toBe(400);
      expect((await county.patch(`/api/units/${a.id}`, { assigneeId: tech.user.id })).statusCode).toBe(400);
    }
    // the city sees both counties' technicians and units, but gives a 武都区 technician only what it can see
    expect((await city.post('/api/units/assign', { technicianId: other.user.id, parentCode: group })).json()).toEqual({ updated: 1 });
    expect((await whole.get(`/api/units/${b.id}`)).json().unit.assigneeId).toBe(other.user.id);
  });
});

describe('the step feed by scope', () => {
  test('shows only the steps of units inside the scope, and narrows to area=', async ({ tanchang }) => {
    const { a, b, none } = await threeUnits();
    const since = new Date(Date.now() - 1000).toISOString();
    for (const unit of [a, b, none]) expect((await whole.post(`/api/units/${unit.id}/events`, { type: 'wiring.started' })).statusCode).toBe(201);
    const unitsOf = async (agent: Agent, query = '') => {
      const res = await agent.get(`/api/events?since=${encodeURIComponent(since)}&pageSize=200${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const ids = new Set((res.json().items as { unitId: string }[]).map((s) => s.unitId));
      return [a, b, none].filter((u) => ids.has(u.id)).map((u) => u.code);
    };
    const viewer = tanchang.viewer;
    expect(await unitsOf(viewer)).toEqual([a.code]);
    expect(await unitsOf(county)).toEqual([a.code]);
    expect(await unitsOf(city)).toEqual([a.code, b.code]);
    expect(await unitsOf(city, `&area=${WUDU}`)).toEqual([b.code]);
    expect(await unitsOf(whole)).toEqual([a.code, b.code, none.code]);
    expect((await viewer.get(`/api/events?area=${WUDU}`)).statusCode).toBe(404);
    const feed = (await county.get(`/api/events?unitId=${b.id}`)).json();
    expect(feed.total).toBe(0);
  });
});

describe('a step retried with a clientEventId', () => {
  it('answers only for the same unit: an id used on another county’s unit tells nothing of that step', async () => {
    const { a, b } = await threeUnits();
    const id = randomUUID();
    const first = await whole.post(`/api/units/${b.id}/events`, { type: 'wiring.started', note: '武都内部备注', clientEventId: id });
    expect(first.statusCode, first.body).toBe(201);
    const res = await county.post(`/api/units/${a.id}/events`, { type: 'wiring.started', clientEventId: id });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.body).not.toContain('武都内部备注');
    expect(res.body).not.toContain(b.id);
    // the same unit's retry is answered with the step, as before
    const again = await whole.post(`/api/units/${b.id}/events`, { type: 'wiring.started', clientEventId: id });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().event.note).toBe('武都内部备注');
  });

  it('outside the caller’s reach is the unknown unit’s 404: the retried id shows neither the step nor the unit’s progress', async () => {
    const { b } = await threeUnits();
    const id = randomUUID();
    const first = await whole.post(`/api/units/${b.id}/events`, { type: 'wiring.started', note: '武都内部备注', clientEventId: id });
    expect(first.statusCode, first.body).toBe(201);
    const unknown = await county.post(`/api/units/${randomUUID()}/events`, { type: 'wiring.started', clientEventId: randomUUID() });
    expect(unknown.statusCode).toBe(404);
    const replayed = await county.post(`/api/units/${b.id}/events`, { type: 'wiring.started', clientEventId: id });
    expect(replayed.statusCode, replayed.body).toBe(404);
    expect(replayed.json()).toEqual(unknown.json());
  });
});

describe('a technician given a unit', () => {
  test('is one whose scope holds the unit: a city office cannot give a 宕昌县 technician a 武都区 unit', async ({ tanchang }) => {
    const { a, b } = await threeUnits();
    const tech = tanchang.technician;
    const patched = await city.patch(`/api/units/${b.id}`, { assigneeId: tech.user.id });
    expect(patched.statusCode, patched.body).toBe(400);
    expect(patched.body).toContain('该技术员的管辖范围不包括这个单位所在的区县');
    expect((await city.patch(`/api/units/${a.id}`, { assigneeId: tech.user.id })).statusCode).toBe(200);
    const bulk = await city.post('/api/units/assign', { technicianId: tech.user.id, unitIds: [a.id, b.id] });
    expect(bulk.statusCode, bulk.body).toBe(200);
    expect(bulk.json().updated).toBe(1);
    expect((await whole.get(`/api/units/${b.id}`)).json().unit.assignee).toBeNull();
  });
});

describe('a code outside the scope', () => {
  it('is refused as outside the scope whether or not a unit has it, so the answer tells nothing', async () => {
    const existing = await t.unit({ code: `621202${String(Math.floor(Math.random() * 1e3)).padStart(3, '0')}`, kind: 'township', areaCode: WUDU });
    const unused = '621202999';
    const a = await county.post('/api/units', { code: existing.code, name: '别县乡', kind: 'township' });
    const b = await county.post('/api/units', { code: unused, name: '别县乡', kind: 'township' });
    expect([a.statusCode, b.statusCode]).toEqual([403, 403]);
  });
});

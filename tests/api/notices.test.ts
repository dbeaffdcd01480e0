// Urging notices (催办): issue, snapshot, answer, withdraw, batch — every rule on a real database.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { audit, notices } from '../../db/schema/index.js';
import { addDays, today } from '../../shared/domain/dates.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import { errorOf, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { BODIES } from '../helpers/steps.js';

let t: TestApp;
let office: Agent;
let viewer: Agent;
let technician: Agent;
const TZ = DEFAULT_SETTINGS.timezone;
const day = (offset: number) => addDays(today(TZ), offset);

test.beforeAll(({ t: testApp, office: fOffice, viewer: fViewer, technician: fTechnician }) => {
  t = testApp;
  office = fOffice;
  viewer = fViewer;
  technician = fTechnician;
});

/** A unit that refused the wiring just now: a laggard (refused_wiring, 0 days). */
async function refusedUnit(fields: Parameters<TestApp['unit']>[0] = {}) {
  const unit = await t.unit({ kind: 'township', ...fields });
  const res = await office.post(`/api/units/${unit.id}/events`, BODIES['wiring.refused']);
  expect(res.statusCode, res.body).toBe(201);
  return unit;
}

const issue = (unitId: string, body: object = {}) => office.post(`/api/units/${unitId}/notices`, body);

describe('issuing a notice to one unit', () => {
  it('records the flags of the moment, a week to respond, who issued it, and a number of the year', async () => {
    const unit = await refusedUnit();
    const res = await issue(unit.id, { note: '请于本周内配合布线' });
    expect(res.statusCode, res.body).toBe(201);
    const { notice } = res.json();
    expect(notice).toMatchObject({
      unitId: unit.id,
      unit: { code: unit.code, name: unit.name },
      flags: [{ category: 'refused_wiring', stage: 'wiring', daysLate: 0 }],
      issuedOn: day(0),
      respondBy: day(7),
      note: '请于本周内配合布线',
      status: 'open',
      issuedBy: { id: office.user.id, displayName: office.user.displayName },
    });
    expect(notice.number).toBe(`催办〔${day(0).slice(0, 4)}〕第 ${notice.seq} 号`);
    const rows = await t.database.db.select().from(audit).where(eq(audit.action, 'notice.issue'));
    expect(rows.some((r) => r.target === unit.id && (r.details as { noticeId: string }).noticeId === notice.id)).toBe(true);
  });

  it('keeps its snapshot when the unit moves on', async () => {
    const unit = await refusedUnit();
    const { notice } = (await issue(unit.id)).json();
    // the refusal is lifted: the unit is no longer a laggard, the notice still says what it said
    expect((await office.post(`/api/units/${unit.id}/events`, BODIES['wiring.started'])).statusCode).toBe(201);
    const again = (await office.get(`/api/notices/${notice.id}`)).json().notice;
    expect(again.flags).toEqual(notice.flags);
    expect(again.unit).toEqual(notice.unit);
  });

  it('refuses a unit that is not lagging (409), one already urged today (409), and a unit that does not exist (404)', async () => {
    const fine = await t.unit();
    const res = await issue(fine.id);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', details: { reason: 'not_lagging' } });
    const unit = await refusedUnit();
    expect((await issue(unit.id)).statusCode).toBe(201);
    const twice = await issue(unit.id);
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).details).toMatchObject({ reason: 'already_urged' });
    expect((await issue('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await issue('no-such-unit')).statusCode).toBe(404);
  });

  it('takes a respond-by date from today up to 90 days ahead', async () => {
    const unit = await refusedUnit();
    for (const respondBy of [day(-1), day(91), '2026-02-30']) {
      const res = await issue(unit.id, { respondBy });
      expect(res.statusCode, respondBy).toBe(400);
      expect(JSON.stringify(errorOf(res).details)).toContain('respondBy');
    }
    const res = await issue(unit.id, { respondBy: day(0) });
    expect(res.statusCode).toBe(201);
    expect(res.json().notice.respondBy).toBe(day(0));
  });

  it('is the office’s: a viewer, a technician and a unit contact cannot issue', async () => {
    const unit = await refusedUnit();
    const contact = await t.as('unit', { unitId: unit.id });
    for (const agent of [viewer, technician, contact]) {
      expect((await agent.post(`/api/units/${unit.id}/notices`, {})).statusCode).toBe(403);
      expect((await agent.post('/api/notices/batch', {})).statusCode).toBe(403);
    }
    expect((await technician.get('/api/notices')).statusCode).toBe(403);
  });
});

describe('answering and withdrawing', () => {
  it('only the unit’s own contact answers, once; the office sees the answer', async () => {
    const unit = await refusedUnit();
    const { notice } = (await issue(unit.id)).json();
    const own = await t.as('unit', { unitId: unit.id });
    const other = await t.as('unit');
    expect((await other.post(`/api/notices/${notice.id}/answer`, { text: '收到' })).statusCode).toBe(404);
    expect((await other.get(`/api/notices/${notice.id}`)).statusCode).toBe(404);
    expect((await office.post(`/api/notices/${notice.id}/answer`, { text: '收到' })).statusCode).toBe(403);
    expect((await own.post(`/api/notices/${notice.id}/answer`, { text: '  ' })).statusCode).toBe(400);
    const res = await own.post(`/api/notices/${notice.id}/answer`, { text: '已安排下周一布线' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().notice).toMatchObject({ status: 'answered', answer: { text: '已安排下周一布线', by: { id: own.user.id } } });
    expect((await own.post(`/api/notices/${notice.id}/answer`, { text: '再答一次' })).statusCode).toBe(409);
    const seen = (await office.get(`/api/notices?unitId=${unit.id}`)).json();
    expect(seen.items[0]).toMatchObject({ id: notice.id, status: 'answered', answer: { text: '已安排下周一布线' } });
  });

  it('a withdrawal needs a reason, happens once, and a withdrawn notice cannot be answered', async () => {
    const unit = await refusedUnit();
    const { notice } = (await issue(unit.id)).json();
    expect((await office.post(`/api/notices/${notice.id}/withdraw`, {})).statusCode).toBe(400);
    expect((await office.post(`/api/notices/${notice.id}/withdraw`, { reason: ' ' })).statusCode).toBe(400);
    expect((await viewer.post(`/api/notices/${notice.id}/withdraw`, { reason: '发错了单位' })).statusCode).toBe(403);
    const res = await office.post(`/api/notices/${notice.id}/withdraw`, { reason: '发错了单位' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().notice).toMatchObject({ status: 'withdrawn', withdrawn: { reason: '发错了单位', by: { id: office.user.id } } });
    expect((await office.post(`/api/notices/${notice.id}/withdraw`, { reason: '再撤一次' })).statusCode).toBe(409);
    const own = await t.as('unit', { unitId: unit.id });
    const answer = await own.post(`/api/notices/${notice.id}/answer`, { text: '收到' });
    expect(answer.statusCode).toBe(409);
    // withdrawn, it no longer counts as today's notice: the unit may be urged again
    expect((await issue(unit.id)).statusCode).toBe(201);
  });

  it('cannot be edited or deleted, even in the database', async () => {
    const unit = await refusedUnit();
    const { notice } = (await issue(unit.id)).json();
    const db = t.database.db;
    await expect(db.update(notices).set({ note: '改过' }).where(eq(notices.id, notice.id))).rejects.toThrow();
    await expect(db.update(notices).set({ flags: [] }).where(eq(notices.id, notice.id))).rejects.toThrow();
    await expect(db.delete(notices).where(eq(notices.id, notice.id))).rejects.toThrow();
    const own = await t.as('unit', { unitId: unit.id });
    expect((await own.post(`/api/notices/${notice.id}/answer`, { text: '收到' })).statusCode).toBe(200);
    await expect(db.update(notices).set({ answerText: '改答复' }).where(eq(notices.id, notice.id))).rejects.toThrow();
  });
});

describe('statuses and lists', () => {
  it('an unanswered notice past its respond-by date is overdue; the list counts each status', async () => {
    const unit = await refusedUnit();
    // a notice issued ten days ago, straight into the table (the API issues only today's)
    const [old] = await t.database.db
      .insert(notices)
      .values({ year: 2026, seq: 900000 + Math.floor(Math.random() * 99999), unitId: unit.id, unitCode: unit.code, unitName: unit.name, flags: [], severity: 5, issuedOn: day(-10), respondBy: day(-3), issuedByName: 'x' })
      .returning();
    const { notice } = (await issue(unit.id)).json();
    const list = (await viewer.get(`/api/notices?unitId=${unit.id}`)).json();
    expect(list.items.map((n: { id: string; status: string }) => [n.id, n.status])).toEqual([
      [notice.id, 'open'],
      [old.id, 'overdue'],
    ]);
    expect(list.counts).toEqual({ open: 1, answered: 0, overdue: 1, withdrawn: 0 });
    const overdue = (await viewer.get(`/api/notices?unitId=${unit.id}&status=overdue`)).json();
    expect(overdue).toMatchObject({ total: 1, items: [{ id: old.id }] });
  });

  it('a unit contact lists its own unit’s notices only, whatever it asks for', async () => {
    const mine = await refusedUnit();
    const theirs = await refusedUnit();
    const a = (await issue(mine.id)).json().notice;
    await issue(theirs.id);
    const contact = await t.as('unit', { unitId: mine.id });
    expect((await contact.get('/api/notices')).json().items.map((n: { id: string }) => n.id)).toEqual([a.id]);
    expect((await contact.get(`/api/notices?unitId=${theirs.id}`)).json()).toMatchObject({ total: 0, items: [] });
  });
});

describe('a batch from the board’s filters', () => {
  it('urges every laggard the filters select, numbered in a row, audited once per notice', async () => {
    const parent = uniq('P');
    const units = [await refusedUnit({ parentCode: parent }), await refusedUnit({ parentCode: parent }), await refusedUnit({ parentCode: parent })];
    await t.unit({ parentCode: parent }); // not lagging: not urged
    const before = (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(audit).where(eq(audit.action, 'notice.issue')))[0].n;
    const dry = await office.post('/api/notices/batch?dryRun=true', { parentCode: parent });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ created: 0, willCreate: 3, skipped: [], items: [] });
    const res = await office.post('/api/notices/batch', { parentCode: parent, note: '集中催办', expected: 3 });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.created).toBe(3);
    expect(new Set(body.items.map((n: { unitId: string }) => n.unitId))).toEqual(new Set(units.map((u) => u.id)));
    const seqs = body.items.map((n: { seq: number }) => n.seq);
    expect(seqs).toEqual([seqs[0], seqs[0] + 1, seqs[0] + 2]);
    expect(body.items.every((n: { batchId: string; note: string }) => n.batchId === body.batchId && n.note === '集中催办')).toBe(true);
    const after = (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(audit).where(eq(audit.action, 'notice.issue')))[0].n;
    expect(after - before).toBe(3);
    // a second batch the same day leaves them out
    const again = (await office.post('/api/notices/batch?dryRun=true', { parentCode: parent })).json();
    expect(again).toMatchObject({ created: 0, willCreate: 0 });
    expect(again.skipped.map((s: { reason: string }) => s.reason)).toEqual(['urged_today', 'urged_today', 'urged_today']);
  });

  it('is all or nothing: a count that changed since the confirmation issues none', async () => {
    const parent = uniq('P');
    await refusedUnit({ parentCode: parent });
    await refusedUnit({ parentCode: parent });
    const res = await office.post('/api/notices/batch', { parentCode: parent, expected: 1 });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).details).toMatchObject({ reason: 'count_changed', count: 2 });
    const none = await t.database.db.execute(sql`select count(*)::int as n from notices n join units u on u.id = n.unit_id where u.parent_code = ${parent}`);
    const n = Array.isArray(none) ? none[0].n : (none as unknown as { rows: { n: number }[] }).rows[0].n;
    expect(n).toBe(0);
  });

  it('two batches at once never urge a unit twice nor give a number twice', async () => {
    for (let trial = 0; trial < 8; trial++) {
      const parent = uniq('P');
      for (let i = 0; i < 4; i++) await refusedUnit({ parentCode: parent });
      const [a, b] = await Promise.all([office.post('/api/notices/batch', { parentCode: parent }), office.post('/api/notices/batch', { parentCode: parent })]);
      expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
      expect(a.json().created + b.json().created).toBe(4);
    }
    const all = await t.database.db.select({ year: notices.year, seq: notices.seq }).from(notices);
    expect(new Set(all.map((r) => `${r.year}-${r.seq}`)).size).toBe(all.length);
  });
});

describe('on the laggard board', () => {
  it('each laggard says how many notices it got, when the last went out, and whether a step followed', async () => {
    const parent = uniq('P');
    const unit = await refusedUnit({ parentCode: parent });
    const row = async () => (await office.get(`/api/reports/laggards?parentCode=${parent}`)).json().items.find((i: { unit: { id: string } }) => i.unit.id === unit.id);
    expect((await row()).notices).toEqual({ count: 0, lastAt: null, stepSinceLast: false, answeredAt: null });
    const { notice } = (await issue(unit.id)).json();
    expect((await row()).notices).toEqual({ count: 1, lastAt: notice.issuedAt, stepSinceLast: false, answeredAt: null });
    // the board shows that the unit has answered (issue 27)
    const own = await t.as('unit', { unitId: unit.id });
    expect((await own.post(`/api/notices/${notice.id}/answer`, { text: '已安排下周布线' })).statusCode).toBe(200);
    expect((await row()).notices.answeredAt).toMatch(/^\d{4}-/);
    // a withdrawn notice does not count
    const second = await t.database.db
      .insert(notices)
      .values({ year: 2026, seq: 800000 + Math.floor(Math.random() * 99999), unitId: unit.id, unitCode: unit.code, unitName: unit.name, flags: [], severity: 5, issuedOn: day(0), respondBy: day(7), issuedByName: 'x', withdrawnAt: new Date(), withdrawReason: '发错了', withdrawnByName: 'x' })
      .returning();
    expect(second).toHaveLength(1);
    expect((await row()).notices.count).toBe(1);
  });

  it('lists the units urged and still without a step since; a step the same day but before the notice is no progress', async () => {
    const parent = uniq('P');
    const postpone = (unitId: string, occurredAt?: string) => office.post(`/api/units/${unitId}/events`, { type: 'wiring.postponed', ...(occurredAt ? { occurredAt } : {}), data: { reason: '办公室装修' } });
    // refused an hour ago, then urged: no step since
    const before = await t.unit({ parentCode: parent });
    expect((await office.post(`/api/units/${before.id}/events`, { ...BODIES['wiring.refused'], occurredAt: new Date(Date.now() - 3_600_000).toISOString() })).statusCode).toBe(201);
    const n1 = (await issue(before.id)).json().notice;
    // postponed twice (a laggard), urged, then postponed again the same day: a step since, still lagging
    const after = await t.unit({ parentCode: parent });
    for (const ago of [7_200_000, 3_600_000]) expect((await postpone(after.id, new Date(Date.now() - ago).toISOString())).statusCode).toBe(201);
    const n2 = (await issue(after.id)).json().notice;
    await new Promise((r) => setTimeout(r, 20));
    expect((await postpone(after.id)).statusCode).toBe(201);
    const never = await refusedUnit({ parentCode: parent });
    expect(n1.issuedOn).toBe(n2.issuedOn);

    const urged = (await office.get(`/api/reports/laggards?parentCode=${parent}&urged=no_progress`)).json();
    expect(urged.items.map((i: { unit: { id: string } }) => i.unit.id)).toEqual([before.id]);
    const all = (await office.get(`/api/reports/laggards?parentCode=${parent}`)).json();
    const byId = Object.fromEntries(all.items.map((i: { unit: { id: string }; notices: unknown }) => [i.unit.id, i.notices]));
    expect(byId[before.id]).toMatchObject({ count: 1, stepSinceLast: false });
    expect(byId[after.id]).toMatchObject({ count: 1, stepSinceLast: true });
    expect(byId[never.id]).toMatchObject({ count: 0, stepSinceLast: false });
    const csv = await office.get(`/api/reports/laggards.csv?parentCode=${parent}&urged=no_progress`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(before.code);
    expect(csv.body).not.toContain(never.code);
    // the files carry the board's notice columns: count, last, and whether it moved since
    const header = csv.body.replace(/^\uFEFF/, '').split('\n')[0];
    expect(header).toContain('催办次数');
    expect(header).toContain('催办后有无进展');
    const line = csv.body.split(/\r?\n/).find((l) => l.includes(before.code))!;
    expect(line.split(',').slice(-3)).toEqual(['1', expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/), '无']);
  });
});

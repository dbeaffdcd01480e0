// A batch says what it leaves out (issue 24 item 4): units urged today, with a notice still
// waiting for its answer (open or overdue), or withdrawn in the last 14 days are listed with the
// reason by the dry run and left out of the real batch, unless the office names them in `include`.
import { describe, expect, it } from 'vitest';
import { notices } from '../../db/schema/index.js';
import { addDays, today } from '../../shared/domain/dates.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import { errorOf, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { BODIES } from '../helpers/steps.js';

let t: TestApp;
let office: Agent;
const day = (offset: number) => addDays(today(DEFAULT_SETTINGS.timezone), offset);

test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});

async function refusedUnit(parentCode: string) {
  const unit = await t.unit({ kind: 'township', parentCode });
  expect((await office.post(`/api/units/${unit.id}/events`, BODIES['wiring.refused'])).statusCode).toBe(201);
  return unit;
}

/** A notice issued `daysAgo` days ago, straight into the table (the API issues only today's). */
async function pastNotice(unit: { id: string; code: string; name: string }, daysAgo: number, extra: Partial<typeof notices.$inferInsert> = {}) {
  const [row] = await t.database.db
    .insert(notices)
    .values({ year: 2026, seq: 800000 + Math.floor(Math.random() * 99999), unitId: unit.id, unitCode: unit.code, unitName: unit.name, flags: [], severity: 5, issuedOn: day(-daysAgo), respondBy: day(-daysAgo + 7), issuedByName: 'x', ...extra })
    .returning();
  return row;
}

const dryRun = async (body: object) => {
  const res = await office.post('/api/notices/batch?dryRun=true', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { willCreate: number; skipped: { unitId: string; reason: string; unit: { name: string }; notice: { id: string; number: string } | null }[] };
};
const reasons = (answer: Awaited<ReturnType<typeof dryRun>>) => Object.fromEntries(answer.skipped.map((s) => [s.unitId, s.reason]));

describe('a batch lists the units it leaves out, with the reason', () => {
  it('urged today: left out with the notice that urged it', async () => {
    const parent = uniq('P');
    const [urged, fresh] = [await refusedUnit(parent), await refusedUnit(parent)];
    const { notice } = (await office.post(`/api/units/${urged.id}/notices`, {})).json();
    const dry = await dryRun({ parentCode: parent });
    expect(dry.willCreate).toBe(1);
    expect(dry.skipped).toEqual([{ unitId: urged.id, areaCode: null, unit: { code: urged.code, name: urged.name }, reason: 'urged_today', notice: { id: notice.id, number: notice.number, issuedOn: day(0) } }]);
    const res = await office.post('/api/notices/batch', { parentCode: parent, expected: 1 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items.map((n: { unitId: string }) => n.unitId)).toEqual([fresh.id]);
    expect(res.json().skipped.map((s: { unitId: string }) => s.unitId)).toEqual([urged.id]);
  });

  it('a notice still open, or overdue, from an earlier day: left out', async () => {
    const parent = uniq('P');
    const [open, overdue, answered] = [await refusedUnit(parent), await refusedUnit(parent), await refusedUnit(parent)];
    await pastNotice(open, 3);
    await pastNotice(overdue, 10); // respond-by three days ago
    await pastNotice(answered, 10, { answerText: '已整改', answeredAt: new Date(), answeredByName: 'y' });
    const dry = await dryRun({ parentCode: parent });
    expect(reasons(dry)).toEqual({ [open.id]: 'open_notice', [overdue.id]: 'open_notice' });
    expect(dry.willCreate).toBe(1); // the answered one is urged again
  });

  it('withdrawn in the last 14 days: left out; withdrawn longer ago: urged', async () => {
    const parent = uniq('P');
    const [recent, old, today] = [await refusedUnit(parent), await refusedUnit(parent), await refusedUnit(parent)];
    await pastNotice(recent, 20, { withdrawReason: '经研究暂缓催办', withdrawnAt: new Date(Date.now() - 13 * 86_400_000), withdrawnByName: 'y' });
    await pastNotice(old, 30, { withdrawReason: '经研究暂缓催办', withdrawnAt: new Date(Date.now() - 16 * 86_400_000), withdrawnByName: 'y' });
    const { notice } = (await office.post(`/api/units/${today.id}/notices`, {})).json();
    expect((await office.post(`/api/notices/${notice.id}/withdraw`, { reason: '经研究暂缓催办' })).statusCode).toBe(200);
    const dry = await dryRun({ parentCode: parent });
    expect(reasons(dry)).toEqual({ [recent.id]: 'withdrawn_recently', [today.id]: 'withdrawn_recently' });
    expect(dry.willCreate).toBe(1);
  });
});

describe('the office includes a skipped unit by name', () => {
  it('the real batch urges the included ones and still leaves out the rest', async () => {
    const parent = uniq('P');
    const [withdrawn, open, fresh] = [await refusedUnit(parent), await refusedUnit(parent), await refusedUnit(parent)];
    await pastNotice(withdrawn, 5, { withdrawReason: '暂缓', withdrawnAt: new Date(Date.now() - 2 * 86_400_000), withdrawnByName: 'y' });
    await pastNotice(open, 2);
    const dry = await dryRun({ parentCode: parent, include: [withdrawn.id] });
    expect(dry.willCreate).toBe(2);
    expect(reasons(dry)).toEqual({ [open.id]: 'open_notice' });
    // the count confirmed without the inclusion no longer matches: nothing is issued
    const stale = await office.post('/api/notices/batch', { parentCode: parent, include: [withdrawn.id], expected: 1 });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).details).toMatchObject({ reason: 'count_changed', count: 2 });
    const res = await office.post('/api/notices/batch', { parentCode: parent, include: [withdrawn.id], expected: 2 });
    expect(res.statusCode, res.body).toBe(201);
    expect(new Set(res.json().items.map((n: { unitId: string }) => n.unitId))).toEqual(new Set([withdrawn.id, fresh.id]));
    expect(res.json().skipped.map((s: { unitId: string; reason: string }) => [s.unitId, s.reason])).toEqual([[open.id, 'open_notice']]);
  });

  it('naming a unit that is not among the laggards urges nothing more', async () => {
    const parent = uniq('P');
    await refusedUnit(parent);
    const quiet = await t.unit({ parentCode: parent });
    expect((await dryRun({ parentCode: parent, include: [quiet.id] })).willCreate).toBe(1);
  });
});

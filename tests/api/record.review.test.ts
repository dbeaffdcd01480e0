// docs/contract/domain.md "The record": waiting for the office is not the unit's delay. A
// registration awaiting review is never stalled; it is the office's review queue, counted in the
// summary, and over reviewDays shown to the level above as the office's own backlog.
import { afterEach, describe, expect } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import { uniq, type Agent, type TestApp } from '../helpers/app.js';
import { LONGNAN, TANCHANG, WUDU, test } from '../helpers/fixture.js';

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

/** A unit under `parent` whose registration was submitted `days` ago (its connection a day before). */
async function submitted(t: TestApp, office: Agent, parent: string, days: number, areaCode: string | null = null) {
  const unit = await t.unit({ parentCode: parent, areaCode });
  for (const [type, at, data] of [
    ['wiring.completed', days + 2, {}],
    ['connection.completed', days + 1, {}],
    ['registration.submitted', days, { platformRef: `SQ-${days}` }],
  ] as const) {
    const res = await office.post(`/api/units/${unit.id}/events`, { type, occurredAt: daysAgo(at), data });
    expect(res.statusCode, res.body).toBe(201);
  }
  return unit;
}

describe('the office’s review queue', () => {
  afterEach<{ office: Agent }>(async ({ office }) => {
    await office.put('/api/settings', DEFAULT_SETTINGS);
  });

  test('a registration awaiting review past stallDays is not stalled (the issue: 进展停滞 for the office’s delay)', async ({ t, office }) => {
    await office.put('/api/settings', { ...DEFAULT_SETTINGS, stallDays: 3 });
    const parent = uniq('R');
    const waiting = await submitted(t, office, parent, 5);
    // a connection in progress and as quiet is still the unit's stall
    const quiet = await t.unit({ parentCode: parent });
    await office.post(`/api/units/${quiet.id}/events`, { type: 'wiring.completed', occurredAt: daysAgo(6) });
    await office.post(`/api/units/${quiet.id}/events`, { type: 'connection.started', occurredAt: daysAgo(5) });
    const board = (await office.get(`/api/reports/laggards?parentCode=${parent}`)).json();
    expect(board.items.map((i: { unit: { id: string } }) => i.unit.id)).toEqual([quiet.id]);
    expect(board.items[0].flags).toEqual([{ category: 'stalled', stage: 'connection', daysLate: 5 }]);
    const summary = (await office.get(`/api/reports/summary?parentCode=${parent}`)).json();
    expect(summary.byCategory.stalled).toBe(1);
    // as of a past day too (the steps replayed)
    const past = (await office.get(`/api/reports/laggards?parentCode=${parent}&asOf=${daysAgo(1).slice(0, 10)}`)).json();
    expect(past.items.map((i: { unit: { id: string } }) => i.unit.id)).not.toContain(waiting.id);
    const own = (await office.get(`/api/units/${waiting.id}`)).json();
    expect(JSON.stringify(own)).not.toContain('"stalled"');
  });

  test('GET /api/reports/review-queue lists the waiting registrations oldest first, with days waited and over reviewDays', async ({ t, office, viewer }) => {
    const parent = uniq('Q');
    const newer = await submitted(t, office, parent, 1);
    const older = await submitted(t, office, parent, 5);
    const res = await viewer.get('/api/reports/review-queue');
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json().items.filter((i: { unit: { id: string } }) => [newer.id, older.id].includes(i.unit.id));
    expect(mine).toEqual([
      { unit: expect.objectContaining({ id: older.id, code: older.code, name: older.name, kind: older.kind }), submittedAt: expect.any(String), platformRef: 'SQ-5', waitingDays: 5, overdue: true },
      { unit: expect.objectContaining({ id: newer.id }), submittedAt: expect.any(String), platformRef: 'SQ-1', waitingDays: 1, overdue: false },
    ]);
    expect(Date.parse(mine[0].submittedAt)).toBeLessThan(Date.parse(mine[1].submittedAt));
    // verified or rejected: out of the queue
    await office.post(`/api/units/${older.id}/events`, { type: 'registration.verified' });
    const after = (await office.get('/api/reports/review-queue')).json().items.map((i: { unit: { id: string } }) => i.unit.id);
    expect(after).toContain(newer.id);
    expect(after).not.toContain(older.id);
  });

  test('the summary counts the queue and the oldest wait', async ({ t, office }) => {
    const parent = uniq('S');
    await submitted(t, office, parent, 2);
    await submitted(t, office, parent, 7);
    const summary = (await office.get(`/api/reports/summary?parentCode=${parent}`)).json();
    expect(summary).toMatchObject({ awaitingReview: 2, oldestReviewDays: 7 });
    const empty = (await office.get(`/api/reports/summary?parentCode=${uniq('E')}`)).json();
    expect(empty).toMatchObject({ awaitingReview: 0, oldestReviewDays: null });
  });

  test('the roll-up shows the level above each county office’s reviews over reviewDays (per area)', async ({ t, office, longnan, tanchang }) => {
    const parent = uniq('U');
    await submitted(t, office, parent, 5, TANCHANG);
    await submitted(t, office, parent, 2, TANCHANG);
    await submitted(t, office, parent, 4, WUDU);
    const row = async (code: string) =>
      (await longnan.office.get(`/api/reports/areas?parent=${LONGNAN}`)).json().items.find((i: { area: { code: string } }) => i.area.code === code);
    const before = { tanchang: (await row(TANCHANG)).reviewOverdue, wudu: (await row(WUDU)).reviewOverdue };
    expect(before.tanchang).toBeGreaterThanOrEqual(1);
    expect(before.wudu).toBeGreaterThanOrEqual(1);
    // 宕昌县 gives its office 6 days: its 5-day wait is no longer overdue, 武都区's 4-day one still is
    expect((await tanchang.office.put(`/api/settings?area=${TANCHANG}`, { reviewDays: 6 })).statusCode).toBe(200);
    expect((await row(TANCHANG)).reviewOverdue).toBe(before.tanchang - 1);
    expect((await row(WUDU)).reviewOverdue).toBe(before.wudu);
    const queue = (await tanchang.viewer.get('/api/reports/review-queue')).json().items;
    expect(queue.every((i: { unit: { areaCode: string } }) => i.unit.areaCode === TANCHANG)).toBe(true);
    expect(queue.find((i: { platformRef: string; waitingDays: number }) => i.waitingDays === 5)?.overdue).toBe(false);
    await tanchang.office.put(`/api/settings?area=${TANCHANG}`, { reviewDays: null });
  });

  test('a county’s viewer sees its own queue only; another county is a 404', async ({ t, office, tanchang }) => {
    const parent = uniq('V');
    const wudu = await submitted(t, office, parent, 3, WUDU);
    const items = (await tanchang.viewer.get('/api/reports/review-queue')).json().items.map((i: { unit: { id: string } }) => i.unit.id);
    expect(items).not.toContain(wudu.id);
    expect((await tanchang.viewer.get(`/api/reports/review-queue?area=${WUDU}`)).statusCode).toBe(404);
    expect((await tanchang.technician.get('/api/reports/review-queue')).statusCode).toBe(403);
  });
});

// The leaders' "what changed" (docs/contract/api.md "Leaders' view"): the summary and the roll-up
// carry `previous`, the same figures as of asOf − compareDays (default 7), computed as any past
// day is, and the summary says which units changed in between.
import { describe, expect, it } from 'vitest';
import type { Agent, TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { day, reportsKit } from './reports.kit.js';

let t: TestApp;
let office: Agent;
test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});
const { record } = reportsKit(() => ({ t, office }));

/** counties of 陇南市 no other test of this file uses: 康县 for the summary, 礼县 and 徽县 for the roll-up */
const KANG = '621224';
const LI = '621226';
const HUI = '621227';

async function onboard(unitId: string, offset: number) {
  for (const type of ['wiring.completed', 'connection.completed', 'registration.submitted'] as const) await record(unitId, type, offset - 2);
  await record(unitId, 'registration.verified', offset);
}

describe('compareDays on GET /api/reports/summary', () => {
  it('counts a unit onboarded 3 days ago in this week\'s change, not in previous; a new laggard and a resolved one likewise', async () => {
    const recent = await t.unit({ areaCode: KANG });
    await onboard(recent.id, -3);
    const long = await t.unit({ areaCode: KANG });
    await onboard(long.id, -10);
    const refusedNow = await t.unit({ areaCode: KANG });
    await record(refusedNow.id, 'wiring.refused', -2);
    const resolved = await t.unit({ areaCode: KANG });
    await record(resolved.id, 'wiring.refused', -9);
    await record(resolved.id, 'wiring.completed', -2);

    const res = await office.get(`/api/reports/summary?area=${KANG}`);
    expect(res.statusCode, res.body).toBe(200);
    const week = res.json();
    expect([week.totalUnits, week.onboarded, week.laggards]).toEqual([4, 2, 1]);
    expect(week.previous).toMatchObject({ asOf: day(-7), totalUnits: 4, onboarded: 1, laggards: 1 });
    expect(week.previous.byCategory.refused_wiring).toBe(1);
    expect(week.previous.stages.registration.done).toBe(1);
    expect(week.change).toEqual({ newlyOnboarded: 1, newLaggards: 1, resolved: 1 });

    // two days back the unit onboarded 3 days ago was already onboarded
    const two = (await office.get(`/api/reports/summary?area=${KANG}&compareDays=2`)).json();
    expect(two.previous).toMatchObject({ asOf: day(-2), onboarded: 2 });
    expect(two.change.newlyOnboarded).toBe(0);

    // compared with a past asOf: the figures of that day and of compareDays before it
    const past = (await office.get(`/api/reports/summary?area=${KANG}&asOf=${day(-3)}&compareDays=1`)).json();
    expect(past).toMatchObject({ asOf: day(-3), onboarded: 2, previous: { asOf: day(-4), onboarded: 1 }, change: { newlyOnboarded: 1 } });
  });

  it('refuses a compareDays that is not a whole number from 1 to 366', async () => {
    for (const bad of ['0', '-1', '367', 'x', '1.5']) expect((await office.get(`/api/reports/summary?compareDays=${bad}`)).statusCode, bad).toBe(400);
  });
});

describe('compareDays on GET /api/reports/areas', () => {
  it('gives each child its figures and its rank as of compareDays before, among the same children', async () => {
    const li = [await t.unit({ areaCode: LI }), await t.unit({ areaCode: LI })];
    await onboard(li[0].id, -20);
    const hui = await t.unit({ areaCode: HUI });
    await onboard(hui.id, -1);

    const res = await office.get('/api/reports/areas?parent=6212');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.previousAsOf).toBe(day(-7));
    const row = (code: string) => report.items.find((r: { area: { code: string } }) => r.area.code === code);
    // now 徽县 has every unit onboarded and ranks above 礼县; a week ago it had none
    expect(row(HUI).rank).toBeLessThan(row(LI).rank);
    expect(row(HUI).previous).toMatchObject({ totalUnits: 1, onboarded: 0, onboardedShare: 0, stages: { registration: { done: 0 } } });
    expect(row(LI).previous.onboarded).toBe(row(LI).onboarded);
    expect(row(HUI).previous.rank).toBeGreaterThan(row(LI).previous.rank);
    // the previous ranks are a ranking of their own: 1..n, each once
    const ranks = report.items.map((r: { previous: { rank: number } }) => r.previous.rank).sort((a: number, b: number) => a - b);
    expect(ranks).toEqual(report.items.map((_: unknown, i: number) => i + 1));
  });
});

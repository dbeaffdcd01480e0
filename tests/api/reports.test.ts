// The laggards report: who is late, by which rule, ranked, as of a day, for a parent code.
import { describe, expect, it } from 'vitest';
import { laggardsReport, reportContext } from '../../server/lib/reports.js';
import { uniq, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { day, at, reportsKit } from './reports.kit.js';

let t: TestApp;
let office: Agent;
let viewer: Agent;

test.beforeAll(({ t: testApp, office: fOffice, viewer: fViewer }) => {
  t = testApp;
  office = fOffice;
  viewer = fViewer;
});
const { useSettings, record, unitIn, laggards } = reportsKit(() => ({ t, office }));

describe('GET /api/reports/laggards', () => {
  it('lists a unit that refused wiring with the days since the refusal, as of today by default', async () => {
    const area = uniq('A');
    const unit = await unitIn(area, { name: '县财政局' });
    await record(unit.id, 'wiring.scheduled', -5);
    await record(unit.id, 'wiring.refused', -3);
    const body = await laggards(`parentCode=${area}`);
    expect(body.asOf).toBe(day(0));
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      unit: { id: unit.id, code: unit.code, name: '县财政局', kind: 'department' },
      flags: [{ category: 'refused_wiring', stage: 'wiring', daysLate: 3 }],
      severity: 7.14,
      lastEventAt: new Date(at(-3)).toISOString(),
    });
  });

  it('leaves out units without flags and onboarded units, however late', async () => {
    const area = uniq('A');
    await useSettings({ wiringDue: day(-30), connectionDue: day(-30) });
    const calm = await unitIn(area, { wiringDue: day(10), connectionDue: day(20) });
    await record(calm.id, 'wiring.started', -1);
    const done = await unitIn(area);
    for (const type of ['wiring.completed', 'connection.completed', 'registration.submitted', 'registration.verified'] as const) {
      await record(done.id, type, -20);
    }
    const late = await unitIn(area);
    const body = await laggards(`parentCode=${area}`);
    expect(body.items.map((i) => i.unit.id)).toEqual([late.id]);
    expect(body.items[0].flags).toEqual([
      { category: 'overdue_connection', stage: 'connection', daysLate: 30 },
      { category: 'overdue_wiring', stage: 'wiring', daysLate: 30 },
    ]);
  });

  it("uses the unit's own due dates over the campaign's", async () => {
    const area = uniq('A');
    await useSettings({ wiringDue: day(-10) });
    const own = await unitIn(area, { wiringDue: day(-2) });
    const body = await laggards(`parentCode=${area}`);
    expect(body.items.map((i) => [i.unit.id, i.flags])).toEqual([[own.id, [{ category: 'overdue_wiring', stage: 'wiring', daysLate: 2 }]]]);
  });

  it('answers a past as-of date from the steps that had happened by the end of that day', async () => {
    const area = uniq('A');
    const unit = await unitIn(area);
    await record(unit.id, 'wiring.refused', -10);
    await record(unit.id, 'wiring.scheduled', -4);
    await record(unit.id, 'wiring.started', -2);
    expect((await laggards(`parentCode=${area}`)).total).toBe(0);
    expect((await laggards(`parentCode=${area}&asOf=${day(-11)}`)).total).toBe(0);
    const past = await laggards(`parentCode=${area}&asOf=${day(-5)}`);
    expect(past.asOf).toBe(day(-5));
    expect(past.items[0].flags).toEqual([{ category: 'refused_wiring', stage: 'wiring', daysLate: 5 }]);
    expect(past.items[0].lastEventAt).toBe(new Date(at(-10)).toISOString());
  });

  it('leaves out of a day a step dated after it, also while that day is "today" to the clock', async () => {
    // A device clock a few minutes ahead dates a step tomorrow just before midnight; seen from a
    // clock one day behind, every step of today is such a step.
    const area = uniq('A');
    const unit = await unitIn(area);
    await record(unit.id, 'wiring.refused', 0);
    const dayBehind = new Date(Date.now() - 86_400_000);
    expect((await reportContext(t.database.db, undefined, dayBehind)).current).toBe(false);
    const report = await laggardsReport(t.database.db, { parentCode: area, page: 1, pageSize: 50 }, dayBehind);
    expect([report.asOf, report.items]).toEqual([day(-1), []]);
    expect((await laggards(`parentCode=${area}`)).items[0].flags).toEqual([{ category: 'refused_wiring', stage: 'wiring', daysLate: 0 }]);
  });

  it('ignores voided steps, today and in the past', async () => {
    const area = uniq('A');
    const unit = await unitIn(area);
    await record(unit.id, 'wiring.scheduled', -9);
    const refusal = await record(unit.id, 'wiring.refused', -8);
    const res = await office.post(`/api/events/${refusal.id}/void`, { reason: '记错了' });
    expect(res.statusCode).toBe(200);
    expect((await laggards(`parentCode=${area}`)).total).toBe(0);
    expect((await laggards(`parentCode=${area}&asOf=${day(-5)}`)).total).toBe(0);
  });

  it('flags repeated postponements, connected-but-unregistered and stalled units at their boundaries', async () => {
    const area = uniq('A');
    await useSettings({ registrationGraceDays: 3, stallDays: 5, postponementLimit: 2 });
    const delayer = await unitIn(area, { code: uniq('P') });
    await record(delayer.id, 'wiring.postponed', -12);
    await record(delayer.id, 'wiring.scheduled', -11);
    await record(delayer.id, 'wiring.postponed', -6);
    const unregistered = await unitIn(area, { code: uniq('R') });
    await record(unregistered.id, 'wiring.completed', -9);
    await record(unregistered.id, 'connection.completed', -8);
    const stalled = await unitIn(area, { code: uniq('S') });
    await record(stalled.id, 'wiring.started', -7);

    const flags = (body: Awaited<ReturnType<typeof laggards>>) => Object.fromEntries(body.items.map((i) => [i.unit.id, i.flags]));
    const before = flags(await laggards(`parentCode=${area}&asOf=${day(-7)}`));
    expect(before[delayer.id]).toBeUndefined(); // one postponement only
    expect(before[unregistered.id]).toBeUndefined(); // connection day + 3 = day -5
    expect(before[stalled.id]).toBeUndefined(); // started that day

    expect(flags(await laggards(`parentCode=${area}&asOf=${day(-6)}`))[delayer.id]).toEqual([{ category: 'repeated_postponement', stage: null, daysLate: 6 }]);
    expect(flags(await laggards(`parentCode=${area}&asOf=${day(-5)}`))[unregistered.id]).toBeUndefined();
    expect(flags(await laggards(`parentCode=${area}&asOf=${day(-4)}`))[unregistered.id]).toEqual([
      { category: 'unregistered_after_connection', stage: 'registration', daysLate: 1 },
    ]);
    expect(flags(await laggards(`parentCode=${area}&asOf=${day(-3)}`))[stalled.id]).toBeUndefined();
    const now = flags(await laggards(`parentCode=${area}`));
    expect(now[stalled.id]).toEqual([{ category: 'stalled', stage: 'wiring', daysLate: 7 }]);
    expect(now[unregistered.id]).toEqual([{ category: 'unregistered_after_connection', stage: 'registration', daysLate: 5 }]);
  });

  it('ranks by severity, then the longest daysLate, then the unit code', async () => {
    const area = uniq('A');
    const mk = (code: string, wiringDue: string) => unitIn(area, { code: `${area}-${code}`, wiringDue });
    await mk('c', day(-7)); // 2 × 2 = 4
    await mk('b', day(-7)); // 4, code b before c
    const refused = await unitIn(area, { code: `${area}-z` });
    await record(refused.id, 'wiring.refused', 0); // 5
    await mk('a', day(-1)); // 2.29
    const body = await laggards(`parentCode=${area}`);
    expect(body.items.map((i) => [i.unit.code, i.severity])).toEqual([
      [`${area}-z`, 5],
      [`${area}-b`, 4],
      [`${area}-c`, 4],
      [`${area}-a`, 2.29],
    ]);
  });

  it('filters by kind, category and parent code, and pages', async () => {
    const area = uniq('A');
    await useSettings({ wiringDue: day(-1) });
    const town = await unitIn(area, { kind: 'township', code: `${area}-1` });
    const dept = await unitIn(area, { kind: 'department', code: `${area}-2` });
    await record(dept.id, 'wiring.refused', -1);
    const other = await unitIn(area, { kind: 'other', code: `${area}-3` });
    await unitIn(uniq('B'), { kind: 'township' });

    expect((await laggards(`parentCode=${area}&kind=township`)).items.map((i) => i.unit.id)).toEqual([town.id]);
    expect((await laggards(`parentCode=${area}&category=refused_wiring`)).items.map((i) => i.unit.id)).toEqual([dept.id]);
    expect((await laggards(`parentCode=${area}&category=stalled`)).total).toBe(0);
    const first = await laggards(`parentCode=${area}&pageSize=2`);
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items.map((i) => i.unit.id)).toEqual([dept.id, town.id]);
    const second = await laggards(`parentCode=${area}&pageSize=2&page=2`);
    expect(second.items.map((i) => i.unit.id)).toEqual([other.id]);
    expect((await laggards(`parentCode=${area}&pageSize=2&page=3`))).toMatchObject({ total: 3, items: [] });
    expect((await laggards(`parentCode=${area}&kind=township&category=refused_wiring`)).total).toBe(0);
  });

  it('is open to viewers', async () => {
    expect((await viewer.get('/api/reports/laggards')).statusCode).toBe(200);
  });
});

// "Units added late are not late on day one" (docs/contract/domain.md "The record"): a unit added
// after its area's due date, with none of its own, is due lateJoinWiringDays / lateJoinConnectionDays
// after the day it was added; a unit added after a report's day is in no report of that day; the
// unit's read says where each due date comes from.
import { describe, expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { addDays, startOfDay, today } from '../../shared/domain/dates.js';
import { NO_OWN_RULES } from '../../shared/domain/deadlines.js';
import { uniq, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { reportsKit } from './reports.kit.js';

const TZ = 'Asia/Shanghai';
const day = (n: number) => addDays(today(TZ), n);
/** the instant `minutes` after the start of the day `n` days from today, in the installation's zone */
const at = (n: number, minutes = 600) => new Date(startOfDay(day(n), TZ).getTime() + minutes * 60_000);

async function setArea(office: Agent, code: string, values: Record<string, unknown>) {
  const res = await office.put(`/api/settings?area=${code}`, { ...NO_OWN_RULES, ...values });
  expect(res.statusCode, res.body).toBe(200);
}

/** a unit as the office adds it (POST /api/units), then dated as if added at `when` */
async function added(t: TestApp, office: Agent, areaCode: string, parentCode: string, when?: Date) {
  const res = await office.post('/api/units', { code: uniq('L'), name: `新单位${uniq()}`, kind: 'department', areaCode, parentCode });
  expect(res.statusCode, res.body).toBe(201);
  const id: string = res.json().unit.id;
  if (when) await t.database.db.execute(sql`update units set created_at = ${when.toISOString()}::timestamptz where id = ${id}::uuid`);
  return id;
}

/** the board of one county (each test has a county of its own) */
const board = async (office: Agent, area: string, asOf?: string) => {
  const res = await office.get(`/api/reports/laggards?area=${area}&pageSize=500${asOf ? `&asOf=${asOf}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { total: number; items: { unit: { id: string }; flags: { category: string; daysLate: number }[] }[] };
};
const flagsOf = async (office: Agent, area: string, id: string) => (await board(office, area)).items.find((i) => i.unit.id === id)?.flags ?? [];

describe('a unit added after its area’s due dates', { timeout: 120_000 }, () => {
  test('is not overdue on the day it is added, and says from when its due dates count', async ({ t, office }) => {
    // 文县's wiring and connection dates passed 25 days ago
    await setArea(office, '621222', { wiringDue: day(-25), connectionDue: day(-25) });
    const parent = uniq('P');
    const fresh = await added(t, office, '621222', parent);
    // one added before the dates is late, as it always was
    const old = await added(t, office, '621222', parent, at(-40));
    expect(await flagsOf(office, '621222', fresh)).toEqual([]);
    expect((await flagsOf(office, '621222', old)).map((f) => [f.category, f.daysLate])).toEqual([
      ['overdue_connection', 25],
      ['overdue_wiring', 25],
    ]);
    const { unit } = (await office.get(`/api/units/${fresh}`)).json();
    expect(unit.laggard.flags).toEqual([]);
    expect(unit.dueDates).toEqual({
      addedOn: day(0),
      wiringDue: day(14),
      connectionDue: day(30),
      sources: { wiringDue: 'late_join', connectionDue: 'late_join' },
      lateJoinWiringDays: 14,
      lateJoinConnectionDays: 30,
    });
    const oldRead = (await office.get(`/api/units/${old}`)).json().unit;
    expect(oldRead.dueDates).toMatchObject({ wiringDue: day(-25), sources: { wiringDue: 'campaign', connectionDue: 'campaign' } });
  });

  test('is overdue with its wiring on the 15th day after it was added, not on the 14th', async ({ t, office }) => {
    await setArea(office, '621224', { wiringDue: day(-25), connectionDue: null });
    const parent = uniq('P');
    const day14 = await added(t, office, '621224', parent, at(-14));
    const day15 = await added(t, office, '621224', parent, at(-15));
    expect(await flagsOf(office, '621224', day14)).toEqual([]);
    expect(await flagsOf(office, '621224', day15)).toEqual([{ category: 'overdue_wiring', stage: 'wiring', daysLate: 1 }]);
    // the unit's own read agrees with the board
    expect((await office.get(`/api/units/${day15}`)).json().unit.laggard.flags).toEqual([{ category: 'overdue_wiring', stage: 'wiring', daysLate: 1 }]);
    // wired: no longer late
    expect((await office.post(`/api/units/${day15}/events`, { type: 'wiring.completed' })).statusCode).toBe(201);
    expect(await flagsOf(office, '621224', day15)).toEqual([]);
  });

  test('counts the day it was added in the installation’s zone; added on the due date itself is not a late joiner', async ({ t, office }) => {
    await setArea(office, '621225', { wiringDue: day(-21), connectionDue: null });
    const parent = uniq('P');
    // 00:30 in 西和县 of the day after the due date (still the due date in UTC): a late joiner, due 14 days later
    const justAfter = await added(t, office, '621225', parent, at(-20, 30));
    // 23:30 of the due date itself: the area's date
    const onTheDay = await added(t, office, '621225', parent, at(-21, 23 * 60 + 30));
    expect(await flagsOf(office, '621225', justAfter)).toEqual([{ category: 'overdue_wiring', stage: 'wiring', daysLate: 6 }]);
    expect(await flagsOf(office, '621225', onTheDay)).toEqual([{ category: 'overdue_wiring', stage: 'wiring', daysLate: 21 }]);
    expect((await office.get(`/api/units/${justAfter}`)).json().unit.dueDates).toMatchObject({ addedOn: day(-20), wiringDue: day(-6) });
  });

  test('keeps its own due dates, and the area’s connection date it was added before', async ({ t, office }) => {
    await setArea(office, '621226', { wiringDue: day(-10), connectionDue: day(5) });
    const parent = uniq('P');
    const id = await added(t, office, '621226', parent, at(-5));
    expect((await office.get(`/api/units/${id}`)).json().unit.dueDates).toMatchObject({
      wiringDue: day(9),
      connectionDue: day(5),
      sources: { wiringDue: 'late_join', connectionDue: 'campaign' },
    });
    expect((await office.patch(`/api/units/${id}`, { wiringDue: day(-1) })).statusCode).toBe(200);
    expect((await office.get(`/api/units/${id}`)).json().unit.dueDates).toMatchObject({ wiringDue: day(-1), sources: { wiringDue: 'unit' } });
    expect(await flagsOf(office, '621226', id)).toEqual([{ category: 'overdue_wiring', stage: 'wiring', daysLate: 1 }]);
  });

  test('follows its area’s own late-joiner days when the office changes them', async ({ t, office }) => {
    await setArea(office, '621227', { wiringDue: day(-30), connectionDue: day(-30) });
    const parent = uniq('P');
    const id = await added(t, office, '621227', parent, at(-5));
    expect(await flagsOf(office, '621227', id)).toEqual([]);
    await setArea(office, '621227', { wiringDue: day(-30), connectionDue: day(-30), lateJoinWiringDays: 3, lateJoinConnectionDays: 4 });
    expect((await flagsOf(office, '621227', id)).map((f) => [f.category, f.daysLate])).toEqual([
      ['overdue_connection', 1],
      ['overdue_wiring', 2],
    ]);
    expect((await office.get(`/api/units/${id}`)).json().unit.dueDates).toMatchObject({ wiringDue: day(-2), connectionDue: day(-1), lateJoinWiringDays: 3, lateJoinConnectionDays: 4 });
    // the settings say which area the value comes from
    const settings = (await office.get('/api/settings?area=621227')).json();
    expect(settings).toMatchObject({ lateJoinWiringDays: 3, sources: { lateJoinWiringDays: '621227' } });
  });
});

describe('a unit added after a report’s day', { timeout: 120_000 }, () => {
  test('is in no report of that day', async ({ t, office }) => {
    await setArea(office, '621228', { wiringDue: day(-40), connectionDue: day(-40) });
    const parent = uniq('P');
    const before = await added(t, office, '621228', parent, at(-50));
    const after = await added(t, office, '621228', parent, at(-5));
    // a unit due the day after the report's day, so that it would be "due soon" then
    const dueSoon = await added(t, office, '621228', parent, at(-5));
    expect((await office.patch(`/api/units/${dueSoon}`, { wiringDue: day(-9) })).statusCode).toBe(200);
    const asOf = day(-10);
    const past = await board(office, '621228', asOf);
    expect(past.items.map((i) => i.unit.id)).toEqual([before]);
    const summary = (await office.get(`/api/reports/summary?area=621228&asOf=${asOf}`)).json();
    // added late on the report's day: in it (not late on its first day)
    await t.database.db.execute(sql`update units set created_at = ${at(-10, 23 * 60).toISOString()}::timestamptz where id = ${after}::uuid`);
    expect((await office.get(`/api/reports/summary?area=621228&asOf=${asOf}`)).json()).toMatchObject({ totalUnits: 2, laggards: 1 });
    await t.database.db.execute(sql`update units set created_at = ${at(-5).toISOString()}::timestamptz where id = ${after}::uuid`);

    expect(summary.totalUnits).toBe(1);
    expect(summary.laggards).toBe(1);
    expect((await office.get('/api/reports/summary?area=621228')).json().totalUnits).toBe(3);
    const rollup = (await office.get(`/api/reports/areas?parent=6212&asOf=${asOf}`)).json();
    expect(rollup.items.find((r: { area: { code: string } }) => r.area.code === '621228')?.totalUnits).toBe(1);
    const soon = (await office.get(`/api/reports/due-soon?area=621228&asOf=${asOf}&days=3&pageSize=500`)).json();
    expect(soon.items.map((i: { unit: { id: string } }) => i.unit.id)).toEqual([]);
    // the control: added by that day, it is due soon then
    await t.database.db.execute(sql`update units set created_at = ${at(-12).toISOString()}::timestamptz where id = ${dueSoon}::uuid`);
    const control = (await office.get(`/api/reports/due-soon?area=621228&asOf=${asOf}&days=3&pageSize=500`)).json();
    expect(control.items.map((i: { unit: { id: string } }) => i.unit.id)).toEqual([dueSoon]);
    const csv = (await office.get(`/api/reports/laggards.csv?area=621228&asOf=${asOf}`)).body;
    expect(csv).toContain((await office.get(`/api/units/${before}`)).json().unit.code);
    expect(csv).not.toContain((await office.get(`/api/units/${after}`)).json().unit.code);
  });

  test('counts in the week’s change as a new laggard or newly onboarded, not as missing', async ({ t, office }) => {
    const { record } = reportsKit(() => ({ t, office }));
    const parent = uniq('P');
    // 武都区: added 3 days ago, refused wiring since; added 2 days ago, onboarded since; one from long ago, onboarded long ago
    const refusing = await added(t, office, '621221', parent, at(-3));
    await record(refusing, 'wiring.refused', -1);
    const quick = await added(t, office, '621221', parent, at(-2));
    for (const type of ['wiring.completed', 'connection.completed', 'registration.submitted', 'registration.verified'] as const) await record(quick, type, -1);
    const old = await added(t, office, '621221', parent, at(-60));
    for (const type of ['wiring.completed', 'connection.completed', 'registration.submitted', 'registration.verified'] as const) await record(old, type, -20);
    const res = await office.get('/api/reports/summary?area=621221');
    expect(res.statusCode, res.body).toBe(200);
    const week = res.json();
    expect(week).toMatchObject({ totalUnits: 3, onboarded: 2, laggards: 1, previous: { totalUnits: 1, onboarded: 1, laggards: 0 } });
    expect(week.change).toEqual({ newlyOnboarded: 1, newLaggards: 1, resolved: 0 });
  });

});

describe('a unit added after its area’s backboneDue', { timeout: 120_000 }, () => {
  test('has lateJoinWiringDays from the day it was added to name its backbone person, on its page and on the board', async ({ t, office }) => {
    // 两当县's backbone people were due 20 days ago: an attacker's unit added today was "20 days late" on its first day
    await setArea(office, '621228', { backboneDue: day(-20) });
    const parent = uniq('P');
    const fresh = await added(t, office, '621228', parent);
    const old = await added(t, office, '621228', parent, at(-40));
    const joiner = await added(t, office, '621228', parent, at(-15));
    const { unit } = (await office.get(`/api/units/${fresh}`)).json();
    expect(unit.laggard.flags).toEqual([]);
    expect(await flagsOf(office, '621228', fresh)).toEqual([]);
    // added before the date: late from it, as training.md says
    expect((await flagsOf(office, '621228', old)).map((f) => [f.category, f.daysLate])).toEqual([['no_backbone', 20]]);
    // added 15 days ago, 5 days after the date: due 14 days after, so 1 day late today
    expect((await flagsOf(office, '621228', joiner)).map((f) => [f.category, f.daysLate])).toEqual([['no_backbone', 1]]);
    const read = (await office.get(`/api/units/${joiner}`)).json();
    expect(read.unit.laggard.flags.map((f: { category: string; daysLate: number }) => [f.category, f.daysLate])).toEqual([['no_backbone', 1]]);
  });
});

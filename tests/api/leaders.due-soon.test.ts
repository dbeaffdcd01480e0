// Due soon (临近到期, docs/contract/api.md "Leaders' view"): the units not yet late whose next
// due date falls within `days` (default 3), at the window's edges, from the same due dates the
// laggard rules read; and only inside the caller's scope.
import { describe, expect, it } from 'vitest';
import type { Agent, TestApp } from '../helpers/app.js';
import { test, TANCHANG, WUDU } from '../helpers/fixture.js';
import { day, reportsKit } from './reports.kit.js';

let t: TestApp;
let office: Agent;
test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});
const { record, useSettings, laggards } = reportsKit(() => ({ t, office }));

interface DueSoon {
  asOf: string;
  days: number;
  total: number;
  items: { unit: { id: string; code: string; name: string; kind: string }; stage: string; dueOn: string; daysLeft: number }[];
}

const dueSoon = async (query = '', agent = office) => {
  const res = await agent.get(`/api/reports/due-soon?pageSize=500${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DueSoon;
};
const itemOf = (report: DueSoon, id: string) => report.items.find((i) => i.unit.id === id);

describe('GET /api/reports/due-soon', () => {
  it('takes a wiring due date the day before the window\'s end, at it, and not the day after it, nor one already past', async () => {
    const [inside, atEnd, after, today, past] = await Promise.all([2, 3, 4, 0, -1].map((d) => t.unit({ wiringDue: day(d) })));
    const report = await dueSoon();
    expect(report.days).toBe(3);
    expect(itemOf(report, inside.id)).toMatchObject({ stage: 'wiring', dueOn: day(2), daysLeft: 2 });
    expect(itemOf(report, atEnd.id)).toMatchObject({ stage: 'wiring', dueOn: day(3), daysLeft: 3 });
    expect(itemOf(report, after.id)).toBeUndefined();
    // due today is not yet late (late from tomorrow): it is due soon, with no day left
    expect(itemOf(report, today.id)).toMatchObject({ dueOn: day(0), daysLeft: 0 });
    // due yesterday is late: the board's, in red, not this list's
    expect(itemOf(report, past.id)).toBeUndefined();
    expect((await laggards('category=overdue_wiring')).items.map((l) => l.unit.id)).toContain(past.id);
    // the soonest first
    const mine = report.items.filter((i) => [inside.id, atEnd.id, today.id].includes(i.unit.id)).map((i) => i.unit.id);
    expect(mine).toEqual([today.id, inside.id, atEnd.id]);
    // a wider window takes the day after too
    expect(itemOf(await dueSoon('&days=4'), after.id)).toMatchObject({ daysLeft: 4 });
  });

  it('counts registration from the connection day plus the grace, and leaves out a unit awaiting review or a laggard', async () => {
    await useSettings({ registrationGraceDays: 7 });
    const [twoLeft, lastDay, late, submitted] = await Promise.all([0, 1, 2, 3].map(() => t.unit()));
    for (const u of [twoLeft, lastDay, late, submitted]) await record(u.id, 'wiring.completed', -9);
    await record(twoLeft.id, 'connection.completed', -5); // due day(2)
    await record(lastDay.id, 'connection.completed', -7); // due day(0)
    await record(late.id, 'connection.completed', -8); // due day(-1): late
    await record(submitted.id, 'connection.completed', -6);
    await record(submitted.id, 'registration.submitted', -1);
    const report = await dueSoon();
    expect(itemOf(report, twoLeft.id)).toMatchObject({ stage: 'registration', dueOn: day(2), daysLeft: 2 });
    expect(itemOf(report, lastDay.id)).toMatchObject({ stage: 'registration', daysLeft: 0 });
    expect(itemOf(report, late.id)).toBeUndefined();
    expect(itemOf(report, submitted.id)).toBeUndefined();

    // a unit due soon that already lags for another reason is on the board, not here
    const refused = await t.unit({ wiringDue: day(1) });
    await record(refused.id, 'wiring.refused', -1);
    expect(itemOf(await dueSoon(), refused.id)).toBeUndefined();
  });

  it('names the earliest open due date, and none of a stage already done', async () => {
    const unit = await t.unit({ wiringDue: day(3), connectionDue: day(1) });
    expect(itemOf(await dueSoon(), unit.id)).toMatchObject({ stage: 'connection', dueOn: day(1), daysLeft: 1 });
    const wired = await t.unit({ wiringDue: day(1), connectionDue: day(2) });
    await record(wired.id, 'wiring.completed', -1);
    expect(itemOf(await dueSoon(), wired.id)).toMatchObject({ stage: 'connection', dueOn: day(2) });
  });

  it('follows the campaign\'s due date of the unit\'s county, as the laggard rules do', async () => {
    expect((await office.put(`/api/settings?area=${WUDU}`, { connectionDue: day(2) })).statusCode).toBe(200);
    const wudu = await t.unit({ areaCode: WUDU });
    const elsewhere = await t.unit({ areaCode: TANCHANG });
    const report = await dueSoon();
    expect(itemOf(report, wudu.id)).toMatchObject({ stage: 'connection', dueOn: day(2) });
    expect(itemOf(report, elsewhere.id)).toBeUndefined();
    expect((await office.put(`/api/settings?area=${WUDU}`, { connectionDue: null })).statusCode).toBe(200);
  });

  test('answers inside the caller\'s scope only; another county\'s area is a 404', async ({ tanchang }) => {
    const mine = await t.unit({ areaCode: TANCHANG, wiringDue: day(1) });
    const theirs = await t.unit({ areaCode: WUDU, wiringDue: day(1) });
    const county = await dueSoon('', tanchang.viewer);
    expect(itemOf(county, mine.id)).toBeDefined();
    expect(itemOf(county, theirs.id)).toBeUndefined();
    expect(county.items.every((i) => Object.keys(i.unit).sort().join() === 'code,id,kind,name')).toBe(true);
    expect((await tanchang.viewer.get(`/api/reports/due-soon?area=${WUDU}`)).statusCode).toBe(404);
    for (const bad of ['-1', '61', 'x']) expect((await office.get(`/api/reports/due-soon?days=${bad}`)).statusCode, bad).toBe(400);
  });
});

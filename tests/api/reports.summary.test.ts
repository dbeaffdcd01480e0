// The summary, the trend and the reasons reports.
import { describe, expect, it } from 'vitest';
import { errorOf, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { day, reportsKit } from './reports.kit.js';

let t: TestApp;
let office: Agent;

test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});
const { record } = reportsKit(() => ({ t, office }));

describe('GET /api/reports/summary', () => {
  const summary = async (query = '') => {
    const res = await office.get(`/api/reports/summary${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('counts units, onboarded units, laggards and stage statuses, today and as of a past day', async () => {
    const before = await summary();
    const pastBefore = await summary(`?asOf=${day(-3)}`);
    const a = await t.unit({ kind: 'township' });
    await record(a.id, 'wiring.refused', -5);
    const b = await t.unit();
    for (const type of ['wiring.completed', 'connection.completed', 'registration.submitted'] as const) await record(b.id, type, -4);
    await record(b.id, 'registration.verified', -1);
    const after = await summary();
    expect(after.asOf).toBe(day(0));
    expect(after.totalUnits - before.totalUnits).toBe(2);
    expect(after.onboarded - before.onboarded).toBe(1);
    expect(after.laggards - before.laggards).toBe(1);
    expect(after.byCategory.refused_wiring - before.byCategory.refused_wiring).toBe(1);
    expect(after.byKind.township - before.byKind.township).toBe(1);
    expect(after.stages.wiring.blocked - before.stages.wiring.blocked).toBe(1);
    expect(after.stages.wiring.done - before.stages.wiring.done).toBe(1);
    expect(after.stages.registration.done - before.stages.registration.done).toBe(1);

    // three days ago b was connected and awaiting review, not yet onboarded
    const past = await summary(`?asOf=${day(-3)}`);
    expect(past.asOf).toBe(day(-3));
    expect(past.onboarded - pastBefore.onboarded).toBe(0);
    expect(past.stages.registration.in_progress - pastBefore.stages.registration.in_progress).toBe(1);
    expect(past.stages.connection.done - pastBefore.stages.connection.done).toBe(1);
  });
});

describe('GET /api/reports/trend', () => {
  it('counts, per day, the units whose stages were done by the end of that day', async () => {
    const query = `/api/reports/trend?from=${day(-4)}&to=${day(0)}`;
    const before = (await office.get(query)).json();
    const unit = await t.unit();
    await record(unit.id, 'wiring.completed', -3);
    await record(unit.id, 'connection.completed', -1);
    const res = await office.get(query);
    expect(res.statusCode).toBe(200);
    const after = res.json();
    expect(after.items.map((p: { date: string }) => p.date)).toEqual([-4, -3, -2, -1, 0].map(day));
    const delta = after.items.map((p: Record<string, number>, i: number) => [
      p.wiring - before.items[i].wiring,
      p.connection - before.items[i].connection,
      p.registration - before.items[i].registration,
    ]);
    expect(delta).toEqual([[0, 0, 0], [1, 0, 0], [1, 0, 0], [1, 1, 0], [1, 1, 0]]);
  });

  it('refuses more than 400 days, also when only from is given (to is then today)', async () => {
    expect((await office.get(`/api/reports/trend?from=${day(-399)}`)).json().items).toHaveLength(400);
    const res = await office.get(`/api/reports/trend?from=${day(-400)}`);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'querystring.from' })]);
    const both = await office.get(`/api/reports/trend?from=${day(-500)}&to=${day(-100)}`);
    expect(both.statusCode).toBe(400);
    expect(errorOf(both).details).toEqual([expect.objectContaining({ field: 'querystring.from' })]);
  });

  it('defaults to the 30 days up to today', async () => {
    const body = (await office.get('/api/reports/trend')).json();
    expect(body.items).toHaveLength(30);
    expect(body.to).toBe(day(0));
    expect(body.from).toBe(day(-29));
  });

  it('starts no earlier than 1970-01-01 when to is in its first month (the fuzz found a 500 for to=1970-01-01)', async () => {
    const res = await office.get('/api/reports/trend?to=1970-01-01');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ from: '1970-01-01', to: '1970-01-01' });
    expect(res.json().items).toHaveLength(1);
    expect((await office.get('/api/reports/trend?to=1970-01-10')).json().items).toHaveLength(10);
  });

  it('refuses a range whose start is after its end', async () => {
    const res = await office.get(`/api/reports/trend?from=${day(0)}&to=${day(-1)}`);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /api/reports/reasons', () => {
  it('counts live refusals and postponements by reason code, as of a day', async () => {
    const counts = async (q = '') =>
      Object.fromEntries(((await office.get(`/api/reports/reasons${q}`)).json().items as { reasonCode: string | null; count: number }[]).map((i) => [String(i.reasonCode), i.count]));
    const before = await counts();
    const beforePast = await counts(`?asOf=${day(-3)}`);
    const unit = await t.unit();
    await record(unit.id, 'wiring.postponed', -6, { reasonCode: 'cost_dispute' });
    await record(unit.id, 'wiring.refused', -4, { reasonCode: 'cost_dispute' });
    await record(unit.id, 'wiring.refused', -2, { reasonCode: 'security_concern' });
    const last = await record(unit.id, 'wiring.postponed', -1, { reasonCode: 'security_concern' });
    await office.post(`/api/events/${last.id}/void`, { reason: '误录' });
    const after = await counts();
    const diff = (a: Record<string, number>, b: Record<string, number>, k: string) => (a[k] ?? 0) - (b[k] ?? 0);
    expect(diff(after, before, 'cost_dispute')).toBe(2);
    expect(diff(after, before, 'security_concern')).toBe(1);
    const past = await counts(`?asOf=${day(-3)}`);
    expect(diff(past, beforePast, 'cost_dispute')).toBe(2);
    expect(diff(past, beforePast, 'security_concern')).toBe(0);
  });
});

// GET /api/units/:id tells a unit's page what the laggard report says of that unit today, so
// its contact (who cannot call the reports) sees it too; and who looks after the unit, by name.
import { describe, expect } from 'vitest';
import { addDays, today } from '../../shared/domain/dates.js';
import { uniq, type Agent } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const day = (n: number) => addDays(today('Asia/Shanghai'), n);

async function log(office: Agent, unitId: string, steps: { type: string; data?: Record<string, string>; occurredAt?: string }[]) {
  for (const step of steps) {
    const res = await office.post(`/api/units/${unitId}/events`, step);
    expect(res.statusCode, res.body).toBe(201);
  }
}

describe('a unit’s laggard flags on its own read', () => {
  test('are exactly the laggard report’s flags for that unit, for every kind of flag and for none', async ({ t, office }) => {
    const area = uniq('P');
    const make = async (name: string, fields: Record<string, unknown> = {}) => (await t.unit({ parentCode: area, name, ...fields })).id;
    const refused = await make('拒绝布线的单位');
    await log(office, refused, [{ type: 'wiring.refused', data: { reason: '领导不在' }, occurredAt: daysAgo(12) }]);
    const postponed = await make('多次推迟的单位');
    await log(office, postponed, [
      { type: 'wiring.postponed', data: { reason: '装修' }, occurredAt: daysAgo(20) },
      { type: 'wiring.postponed', data: { reason: '年底忙' }, occurredAt: daysAgo(3) },
    ]);
    const overdue = await make('逾期的单位', { wiringDue: day(-5), connectionDue: day(-1) });
    const unregistered = await make('未申报的单位');
    await log(office, unregistered, [{ type: 'wiring.completed', occurredAt: daysAgo(29) }, { type: 'connection.completed', occurredAt: daysAgo(20) }]);
    const stalled = await make('停滞的单位');
    await log(office, stalled, [{ type: 'wiring.started', occurredAt: daysAgo(25) }]);
    const fine = await make('正常的单位', { wiringDue: day(10) });
    await log(office, fine, [{ type: 'wiring.started' }]);

    const report = (await office.get(`/api/reports/laggards?parentCode=${area}&pageSize=500`)).json();
    expect(report.total).toBe(5);
    for (const id of [refused, postponed, overdue, unregistered, stalled, fine]) {
      const { unit } = (await office.get(`/api/units/${id}`)).json();
      const row = report.items.find((i: { unit: { id: string } }) => i.unit.id === id);
      expect(unit.laggard.asOf).toBe(report.asOf);
      expect(unit.laggard.flags, unit.name).toEqual(row?.flags ?? []);
      expect(unit.laggard.severity, unit.name).toBe(row?.severity ?? 0);
    }
    const refusedRead = (await office.get(`/api/units/${refused}`)).json().unit;
    expect(refusedRead.laggard.flags).toEqual([{ category: 'refused_wiring', stage: 'wiring', daysLate: 12 }]);
  });

  test('use its county’s deadlines, inherited from the city, as the board does', async ({ t, office }) => {
    // the city sets a connection date passed five days ago; a county under it keeps one of its own
    const settings = (over: Record<string, unknown>) => ({ wiringDue: null, connectionDue: null, registrationGraceDays: null, stallDays: null, postponementLimit: null, ...over });
    expect((await office.put('/api/settings?area=6212', settings({ connectionDue: day(-5) }))).statusCode).toBe(200);
    expect((await office.put('/api/settings?area=621221', settings({ connectionDue: day(10) }))).statusCode).toBe(200);
    try {
      const late = await t.unit({ areaCode: '621223', name: '宕昌县的单位' });
      const onTime = await t.unit({ areaCode: '621221', name: '成县的单位' });
      const board = (await office.get('/api/reports/laggards?area=6212&pageSize=500')).json();
      const flagsOf = async (id: string) => (await office.get(`/api/units/${id}`)).json().unit.laggard.flags;
      expect(await flagsOf(late.id)).toEqual([{ category: 'overdue_connection', stage: 'connection', daysLate: 5 }]);
      expect(await flagsOf(late.id)).toEqual(board.items.find((i: { unit: { id: string } }) => i.unit.id === late.id).flags);
      expect(await flagsOf(onTime.id)).toEqual([]);
      expect(board.items.some((i: { unit: { id: string } }) => i.unit.id === onTime.id)).toBe(false);
    } finally {
      for (const code of ['6212', '621221']) await office.put(`/api/settings?area=${code}`, settings({}));
    }
  });

  test('are shown to the unit’s own contact, who may not call the reports', async ({ t, office }) => {
    const unit = await t.unit();
    await log(office, unit.id, [{ type: 'wiring.refused', data: { reason: '不同意' }, occurredAt: daysAgo(4) }]);
    const contact = await t.as('unit', { unitId: unit.id });
    expect((await contact.get('/api/reports/laggards')).statusCode).toBe(403);
    const res = await contact.get(`/api/units/${unit.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().unit.laggard.flags).toEqual([{ category: 'refused_wiring', stage: 'wiring', daysLate: 4 }]);
  });
});

describe('who looks after a unit', () => {
  test('is named on the unit’s read for a leader, a technician and the contact; null when nobody is', async ({ t, office }) => {
    const tech = await t.as('technician');
    const unit = await t.unit({ assigneeId: tech.user.id });
    const nobody = await t.unit();
    for (const reader of [await t.as('viewer'), await t.as('technician'), await t.as('unit', { unitId: unit.id })]) {
      expect((await reader.get(`/api/units/${unit.id}`)).json().unit.assignee).toEqual({ id: tech.user.id, displayName: tech.user.displayName, phone: null });
    }
    expect((await office.get(`/api/units/${nobody.id}`)).json().unit.assignee).toBeNull();
  });
});

// docs/contract/domain.md "The record": field time only moves forward per unit, and backdating is
// bounded by role (a unit's contact 2 days, technicians and the office the area's backdateDays).
import { eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { steps } from '../../db/schema/index.js';
import { errorOf } from '../helpers/app.js';
import { TANCHANG, test } from '../helpers/fixture.js';
import { BODIES, bringTo } from '../helpers/steps.js';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const daysAgo = (d: number) => hoursAgo(d * 24);

describe('field time only moves forward', () => {
  test('a step dated before the unit’s latest live step is refused 409 with the instant it must not precede', async ({ t, technician, office }) => {
    const unit = await t.unit();
    const first = await technician.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.postponed'], occurredAt: daysAgo(2) });
    expect(first.statusCode).toBe(201);
    const latest = first.json().event.occurredAt;
    const res = await office.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.started'], occurredAt: daysAgo(3) });
    expect(res.statusCode).toBe(409);
    const err = errorOf(res);
    expect(err.code).toBe('INVALID_TRANSITION');
    expect(err.details).toMatchObject({ reason: 'before_latest_step', notBefore: latest });
    expect(err.message).toContain('发生时间不能早于');
    expect(await t.database.db.select().from(steps).where(eq(steps.unitId, unit.id))).toHaveLength(1);
    // the same instant, or later, is in order
    expect((await office.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.started'], occurredAt: latest })).statusCode).toBe(201);
  });

  test('the issue’s case: a resubmission dated before the rejection is refused; voiding is how the past is corrected', async ({ t, office }) => {
    const unit = await t.unit();
    await bringTo(office, unit.id, 'submitted');
    const rejected = await office.post(`/api/units/${unit.id}/events`, BODIES['registration.rejected']);
    expect(rejected.statusCode).toBe(201);
    const contact = await t.as('unit', { unitId: unit.id });
    const backdated = await contact.post(`/api/units/${unit.id}/events`, { ...BODIES['registration.submitted'], occurredAt: hoursAgo(30) });
    expect(backdated.statusCode).toBe(409);
    expect(errorOf(backdated).details).toMatchObject({ reason: 'before_latest_step' });
    // after the office voids the rejection, the latest live step is the submission before it
    const voided = await office.post(`/api/events/${rejected.json().event.id}/void`, { reason: '误驳回' });
    expect(voided.statusCode).toBe(200);
  });

  test('a voided step no longer bounds field time', async ({ t, office }) => {
    const unit = await t.unit();
    await office.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.postponed'], occurredAt: daysAgo(5) });
    const later = await office.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.postponed'], occurredAt: daysAgo(1) });
    expect((await office.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.started'], occurredAt: daysAgo(3) })).statusCode).toBe(409);
    await office.post(`/api/events/${later.json().event.id}/void`, { reason: '记错日期' });
    expect((await office.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.started'], occurredAt: daysAgo(3) })).statusCode).toBe(201);
  });

  test('racing steps never both pass: every unit’s live steps stay in field-time order (40 trials of 4 writers)', async ({ t, technician, office }) => {
    let refusals = 0;
    for (let trial = 0; trial < 40; trial++) {
      const unit = await t.unit();
      // four postponements dated in an order unrelated to the order they arrive in
      const offsets = [3, 1, 4, 2].map((h) => h + trial / 100);
      const answers = await Promise.all(
        offsets.map((h, i) => (i % 2 ? technician : office).post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.postponed'], occurredAt: hoursAgo(h) })),
      );
      for (const a of answers) expect([201, 409]).toContain(a.statusCode);
      refusals += answers.filter((a) => a.statusCode === 409).length;
      const rows = await t.database.db.select({ seq: steps.seq, at: steps.occurredAt }).from(steps).where(eq(steps.unitId, unit.id));
      const bySeq = rows.sort((a, b) => a.seq - b.seq).map((r) => r.at.getTime());
      expect(bySeq).toEqual([...bySeq].sort((a, b) => a - b));
      expect(rows.length).toBe(answers.filter((a) => a.statusCode === 201).length);
    }
    // the race was real: some writers lost it and were judged again under the unit's lock
    expect(refusals).toBeGreaterThan(0);
  });
});

describe('backdating is bounded by role', () => {
  test('a unit’s contact may date a step at most 2 days back: 400 naming occurredAt', async ({ t, office }) => {
    const unit = await t.unit();
    await office.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.completed'], occurredAt: daysAgo(10) });
    expect((await office.post(`/api/units/${unit.id}/events`, { ...BODIES['connection.completed'], occurredAt: daysAgo(9) })).statusCode).toBe(201);
    const contact = await t.as('unit', { unitId: unit.id });
    const res = await contact.post(`/api/units/${unit.id}/events`, { ...BODIES['registration.submitted'], occurredAt: hoursAgo(49) });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'occurredAt', message: expect.stringContaining('2 天') })]);
    expect((await contact.post(`/api/units/${unit.id}/events`, { ...BODIES['registration.submitted'], occurredAt: hoursAgo(47) })).statusCode).toBe(201);
  });

  test('technicians and the office: at most backdateDays (default 30), set per area', async ({ t, office, technician, tanchang }) => {
    const unit = await t.unit();
    const old = await technician.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.postponed'], occurredAt: daysAgo(31) });
    expect(old.statusCode).toBe(400);
    expect(errorOf(old).details).toEqual([expect.objectContaining({ field: 'occurredAt', message: expect.stringContaining('30 天') })]);
    expect((await office.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.postponed'], occurredAt: daysAgo(31) })).statusCode).toBe(400);
    expect((await technician.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.postponed'], occurredAt: daysAgo(29) })).statusCode).toBe(201);

    // 宕昌县 allows 5 days: its units' steps 6 days back are refused, elsewhere still allowed
    const put = await tanchang.office.put(`/api/settings?area=${TANCHANG}`, { backdateDays: 5 });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ backdateDays: 5, own: { backdateDays: 5 }, sources: { backdateDays: TANCHANG } });
    const there = await t.unit({ areaCode: TANCHANG });
    const refused = await tanchang.technician.post(`/api/units/${there.id}/events`, { ...BODIES['wiring.postponed'], occurredAt: daysAgo(6) });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details).toEqual([expect.objectContaining({ field: 'occurredAt', message: expect.stringContaining('5 天') })]);
    const elsewhere = await t.unit();
    expect((await technician.post(`/api/units/${elsewhere.id}/events`, { ...BODIES['wiring.postponed'], occurredAt: daysAgo(6) })).statusCode).toBe(201);
  });

  test('the installation’s backdateDays is a setting; a PUT without it keeps the stored one', async ({ t, office }) => {
    const before = (await office.get('/api/settings')).json();
    expect(before).toMatchObject({ backdateDays: 30, reviewDays: 3, lateJoinWiringDays: 14, lateJoinConnectionDays: 30 });
    const { backdateDays: _b, reviewDays: _r, lateJoinWiringDays: _w, lateJoinConnectionDays: _c, ...contractFields } = before;
    expect((await office.put('/api/settings', { ...before, backdateDays: 60 })).json().backdateDays).toBe(60);
    expect((await office.put('/api/settings', contractFields)).json().backdateDays).toBe(60);
    const unit = await t.unit();
    expect((await office.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.postponed'], occurredAt: daysAgo(45) })).statusCode).toBe(201);
    expect((await office.put('/api/settings', { ...before, backdateDays: 0 })).statusCode).toBe(400);
    await office.put('/api/settings', before);
  });
});

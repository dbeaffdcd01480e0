// Every row of the step table in docs/contract/domain.md: allowed where its rule holds, refused where not.
import { describe, expect } from 'vitest';
import { errorOf } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { BODIES, bringTo, type Point } from '../helpers/steps.js';

const allowed: [string, Point, string, string, string?][] = [
  // type, from, stage, status after, block kind
  ['wiring.scheduled', 'fresh', 'wiring', 'pending'],
  ['wiring.started', 'fresh', 'wiring', 'in_progress'],
  ['wiring.completed', 'fresh', 'wiring', 'done'],
  ['wiring.refused', 'fresh', 'wiring', 'blocked', 'refused'],
  ['wiring.postponed', 'fresh', 'wiring', 'blocked', 'postponed'],
  ['connection.scheduled', 'wired', 'connection', 'pending'],
  ['connection.started', 'wired', 'connection', 'in_progress'],
  ['connection.test_failed', 'wired', 'connection', 'in_progress'],
  ['connection.completed', 'wired', 'connection', 'done'],
  ['connection.postponed', 'wired', 'connection', 'blocked', 'postponed'],
  ['registration.submitted', 'connected', 'registration', 'in_progress'],
  ['registration.verified', 'submitted', 'registration', 'done'],
  ['registration.rejected', 'submitted', 'registration', 'blocked', 'rejected'],
];

const refused: [string, Point, string][] = [
  ['wiring.scheduled', 'wired', 'wiring is already done'],
  ['wiring.started', 'wired', 'wiring is already done'],
  ['wiring.completed', 'wired', 'wiring is already done'],
  ['wiring.refused', 'wired', 'wiring is already done'],
  ['wiring.postponed', 'wired', 'wiring is already done'],
  ['connection.scheduled', 'fresh', 'wiring is not done'],
  ['connection.started', 'fresh', 'wiring is not done'],
  ['connection.test_failed', 'fresh', 'wiring is not done'],
  ['connection.completed', 'fresh', 'wiring is not done'],
  ['connection.postponed', 'fresh', 'wiring is not done'],
  ['connection.started', 'connected', 'connection is already done'],
  ['connection.postponed', 'connected', 'connection is already done'],
  ['registration.submitted', 'wired', 'connection is not done'],
  ['registration.submitted', 'submitted', 'already awaiting review'],
  ['registration.submitted', 'verified', 'already verified'],
  ['registration.verified', 'connected', 'not awaiting review'],
  ['registration.verified', 'verified', 'not awaiting review'],
  ['registration.rejected', 'connected', 'not awaiting review'],
];

describe('the stage machine allows', () => {
  test.for(allowed)('%s after a unit is %s, leaving %s %s', async ([type, from, stage, status, block], { t, office }) => {
    const unit = await t.unit();
    await bringTo(office, unit.id, from);
    const res = await office.post(`/api/units/${unit.id}/events`, BODIES[type]);
    expect(res.statusCode, res.body).toBe(201);
    const { event, progress } = res.json();
    expect(event).toMatchObject({ unitId: unit.id, type, stage, voided: false });
    expect(progress[stage].status).toBe(status);
    expect(progress[stage].blockedBy).toBe(block);
    const stored = (await office.get(`/api/units/${unit.id}`)).json().unit.progress;
    expect(stored).toEqual(progress);
  });
});

describe('the stage machine refuses with 409 INVALID_TRANSITION', () => {
  test.for(refused)('%s when the unit is %s (%s)', async ([type, from, why], { t, office }) => {
    const unit = await t.unit();
    await bringTo(office, unit.id, from);
    const before = (await office.get(`/api/units/${unit.id}/events`)).json().total;
    const res = await office.post(`/api/units/${unit.id}/events`, BODIES[type]);
    expect(res.statusCode).toBe(409);
    const error = errorOf(res);
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.message).toContain(why);
    expect((await office.get(`/api/units/${unit.id}/events`)).json().total).toBe(before);
  });
});

describe('blocks and their clearing', () => {
  test('wiring.scheduled clears a refusal back to pending with the planned date', async ({ t, office }) => {
    const unit = await t.unit();
    await office.post(`/api/units/${unit.id}/events`, BODIES['wiring.refused']);
    const res = await office.post(`/api/units/${unit.id}/events`, BODIES['wiring.scheduled']);
    expect(res.json().progress.wiring).toMatchObject({ status: 'pending', plannedDate: '2026-12-01' });
    expect(res.json().progress.wiring.blockedBy).toBeUndefined();
  });

  test('connection.scheduled clears a postponement back to pending', async ({ t, office }) => {
    const unit = await t.unit();
    await bringTo(office, unit.id, 'wired');
    await office.post(`/api/units/${unit.id}/events`, BODIES['connection.postponed']);
    const res = await office.post(`/api/units/${unit.id}/events`, BODIES['connection.scheduled']);
    expect(res.json().progress.connection.status).toBe('pending');
  });

  test('a rejected registration may be submitted again, and the rejection reason is shown until then', async ({ t, office }) => {
    const unit = await t.unit();
    await bringTo(office, unit.id, 'submitted');
    const rejected = await office.post(`/api/units/${unit.id}/events`, BODIES['registration.rejected']);
    expect(rejected.json().progress.registration).toMatchObject({ status: 'blocked', blockedBy: 'rejected', reason: '申报材料不全' });
    const again = await office.post(`/api/units/${unit.id}/events`, BODIES['registration.submitted']);
    expect(again.statusCode).toBe(201);
    expect(again.json().progress.registration).toMatchObject({ status: 'in_progress', awaitingReview: true });
  });

  test('a verified registration makes the unit onboarded', async ({ t, office }) => {
    const unit = await t.unit();
    await bringTo(office, unit.id, 'verified');
    const { unit: read } = (await office.get(`/api/units/${unit.id}`)).json();
    expect(read.progress.onboarded).toBe(true);
  });

  test('postponements are counted across stages, with the first one remembered', async ({ t, office }) => {
    const unit = await t.unit();
    // within the office's backdating limit (backdateDays, 30 by default: "The record")
    const first = new Date(Date.now() - 20 * 86_400_000).toISOString();
    await office.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.postponed'], occurredAt: first });
    await office.post(`/api/units/${unit.id}/events`, BODIES['wiring.completed']);
    const res = await office.post(`/api/units/${unit.id}/events`, BODIES['connection.postponed']);
    expect(res.json().progress).toMatchObject({ postponements: 2, firstPostponedAt: first });
  });
});

describe('step data', () => {
  const required: [string, string][] = [
    ['wiring.scheduled', 'data.plannedDate'],
    ['wiring.refused', 'data.reason'],
    ['wiring.postponed', 'data.reason'],
    ['connection.scheduled', 'data.plannedDate'],
    ['connection.test_failed', 'note'],
    ['connection.postponed', 'data.reason'],
    ['registration.submitted', 'data.platformRef'],
    ['registration.rejected', 'data.reason'],
  ];
  test.for(required)('%s without %s is a 400 naming the field', async ([type, field], { t, office }) => {
    const unit = await t.unit();
    const res = await office.post(`/api/units/${unit.id}/events`, { type });
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  test('takes reason and note at the top level as well as in data', async ({ t, office }) => {
    const unit = await t.unit();
    const res = await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.refused', reason: '拒绝入户', note: '第二次上门' });
    expect(res.statusCode).toBe(201);
    expect(res.json().event).toMatchObject({ note: '第二次上门', data: { reason: '拒绝入户' } });
  });

  test('keeps a reason code beside the free text', async ({ t, office }) => {
    const unit = await t.unit();
    const res = await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.postponed', data: { reason: '装修', reasonCode: 'office_renovation', until: '2026-12-20' } });
    expect(res.json().progress.wiring).toMatchObject({ reasonCode: 'office_renovation', until: '2026-12-20' });
  });

  test('refuses a reason code outside the fixed list', async ({ t, office }) => {
    const unit = await t.unit();
    const res = await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.refused', data: { reason: 'x', reasonCode: 'bribe' } });
    expect(res.statusCode).toBe(400);
  });

  test('refuses a step type that does not exist', async ({ t, office }) => {
    const unit = await t.unit();
    const res = await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.finished' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'type' })]));
  });

  test('refuses a field that does not belong to the step type', async ({ t, office }) => {
    const unit = await t.unit();
    const res = await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started', data: { platformRef: 'x' } });
    expect(res.statusCode).toBe(400);
  });

  test('refuses an occurredAt more than five minutes ahead of the server clock', async ({ t, office }) => {
    const unit = await t.unit();
    const ahead = new Date(Date.now() + 6 * 60_000).toISOString();
    const res = await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started', occurredAt: ahead });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'occurredAt' })]);
  });

  test('accepts an occurredAt up to five minutes ahead (clock drift) and one in the past (offline sync)', async ({ t, office }) => {
    const unit = await t.unit();
    // the past one first: field time only moves forward per unit ("The record")
    const past = new Date(Date.now() - 5 * 86_400_000);
    past.setUTCHours(1, 30, 0, 0);
    const day = past.toISOString().slice(0, 10);
    const res = await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started', occurredAt: `${day}T09:30:00+08:00` });
    expect(res.statusCode).toBe(201);
    expect(res.json().event.occurredAt).toBe(`${day}T01:30:00.000Z`);
    expect(Date.parse(res.json().event.recordedAt)).toBeGreaterThan(Date.parse(`${day}T02:00:00Z`));
    const drift = new Date(Date.now() + 4 * 60_000).toISOString();
    expect((await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.completed', occurredAt: drift })).statusCode).toBe(201);
  });

  test('refuses an occurredAt before 1970 (a mistyped year), and stores nothing', async ({ t, office }) => {
    const unit = await t.unit();
    const res = await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started', occurredAt: '1969-12-31T10:00:00+08:00' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'occurredAt' })]);
    expect((await office.get(`/api/units/${unit.id}/events`)).json().total).toBe(0);
  });

  test('refuses an occurredAt without an offset', async ({ t, office }) => {
    const unit = await t.unit();
    const res = await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started', occurredAt: '2026-11-01T09:30:00' });
    expect(res.statusCode).toBe(400);
  });
});

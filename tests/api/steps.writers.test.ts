// Who may record which step, retries with clientEventId, and parallel writers on one unit.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { audit, steps, units } from '../../db/schema/index.js';
import { errorOf, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { BODIES, bringTo } from '../helpers/steps.js';

const stepCount = async (t: TestApp, unitId: string) => (await t.database.db.select().from(steps).where(eq(steps.unitId, unitId))).length;

describe('who may record a step', () => {
  test.for(['wiring.started', 'wiring.refused', 'connection.scheduled'])('a technician may record %s', async (type, { t, office, technician }) => {
    const unit = await t.unit();
    if (type.startsWith('connection')) await bringTo(office, unit.id, 'wired');
    expect((await technician.post(`/api/units/${unit.id}/events`, BODIES[type])).statusCode).toBe(201);
  });

  test.for(['registration.submitted', 'registration.verified', 'registration.rejected'])(
    'a technician recording %s gets 403 whatever the registration state',
    async (type, { t, technician }) => {
      const unit = await t.unit();
      const res = await technician.post(`/api/units/${unit.id}/events`, BODIES[type]);
      expect(res.statusCode).toBe(403);
      expect(errorOf(res).code).toBe('FORBIDDEN');
    },
  );

  test("a unit's contact submits its own registration", async ({ t, office }) => {
    const unit = await t.unit();
    await bringTo(office, unit.id, 'connected');
    const contact = await t.as('unit', { unitId: unit.id });
    const res = await contact.post(`/api/units/${unit.id}/events`, BODIES['registration.submitted']);
    expect(res.statusCode).toBe(201);
    expect(res.json().event.actor).toEqual({ id: contact.user.id, displayName: contact.user.displayName, role: 'unit' });
  });

  test("a unit's contact may not submit for another unit, nor verify its own", async ({ t, office }) => {
    const mine = await t.unit();
    const other = await t.unit();
    await bringTo(office, other.id, 'connected');
    await bringTo(office, mine.id, 'submitted');
    const contact = await t.as('unit', { unitId: mine.id });
    expect((await contact.post(`/api/units/${other.id}/events`, BODIES['registration.submitted'])).statusCode).toBe(403);
    expect((await contact.post(`/api/units/${mine.id}/events`, BODIES['registration.verified'])).statusCode).toBe(403);
    expect((await contact.post(`/api/units/${mine.id}/events`, BODIES['wiring.started'])).statusCode).toBe(403);
  });

  test('a viewer records nothing', async ({ t, viewer }) => {
    const unit = await t.unit();
    expect((await viewer.post(`/api/units/${unit.id}/events`, BODIES['wiring.started'])).statusCode).toBe(403);
    expect(await stepCount(t, unit.id)).toBe(0);
  });

  test('a unit id that names nothing is a 404, whatever its shape', async ({ technician }) => {
    for (const id of [randomUUID(), 'not-an-id', '12345']) {
      const res = await technician.post(`/api/units/${id}/events`, BODIES['wiring.started']);
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
    }
  });

  test('records who recorded the step as they were named then', async ({ t, technician }) => {
    const unit = await t.unit();
    const res = await technician.post(`/api/units/${unit.id}/events`, BODIES['wiring.started']);
    expect(res.json().event.actor).toEqual({ id: technician.user.id, displayName: technician.user.displayName, role: 'technician' });
  });
});

describe('retries with clientEventId', () => {
  test('a repeated clientEventId returns the step first recorded with 200 and records nothing new', async ({ t, technician }) => {
    const unit = await t.unit();
    const clientEventId = randomUUID();
    const first = await technician.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.started'], clientEventId });
    expect(first.statusCode).toBe(201);
    const again = await technician.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.started'], clientEventId });
    expect(again.statusCode).toBe(200);
    expect(again.json().event.id).toBe(first.json().event.id);
    expect(await stepCount(t, unit.id)).toBe(1);
  });

  test('whatever else the second request says', async ({ t, technician }) => {
    const unit = await t.unit();
    const clientEventId = randomUUID();
    const first = await technician.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.started'], clientEventId });
    const again = await technician.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.completed'], clientEventId });
    expect(again.statusCode).toBe(200);
    expect(again.json().event).toMatchObject({ id: first.json().event.id, type: 'wiring.started' });
    expect(again.json().progress.wiring.status).toBe('in_progress');
  });

  test('a retry after the stage moved on still answers 200, not 409', async ({ t, technician }) => {
    const unit = await t.unit();
    const clientEventId = randomUUID();
    await technician.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.completed'], clientEventId });
    const again = await technician.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.completed'], clientEventId });
    expect(again.statusCode).toBe(200);
  });

  test('ten parallel sends of one clientEventId record one step: one 201, nine 200', async ({ t, technician }) => {
    const unit = await t.unit();
    const clientEventId = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => technician.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.started'], clientEventId })),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().event.id)).size).toBe(1);
    expect(await stepCount(t, unit.id)).toBe(1);
  });

  test('a clientEventId that is not a UUID is a 400', async ({ t, technician }) => {
    const unit = await t.unit();
    const res = await technician.post(`/api/units/${unit.id}/events`, { ...BODIES['wiring.started'], clientEventId: 'abc' });
    expect(res.statusCode).toBe(400);
  });
});

describe('parallel writers on one unit', () => {
  test('12 parallel wiring.completed give exactly one 201 and eleven 409', async ({ t, technician }) => {
    const unit = await t.unit();
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => technician.post(`/api/units/${unit.id}/events`, BODIES['wiring.completed'])),
    );
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(11);
    expect(await stepCount(t, unit.id)).toBe(1);
  });

  test('parallel different steps keep the stored progress equal to what the steps derive', async ({ t, office, technician }) => {
    const unit = await t.unit();
    await Promise.all([
      technician.post(`/api/units/${unit.id}/events`, BODIES['wiring.started']),
      technician.post(`/api/units/${unit.id}/events`, BODIES['wiring.postponed']),
      office.post(`/api/units/${unit.id}/events`, BODIES['wiring.scheduled']),
      technician.post(`/api/units/${unit.id}/events`, BODIES['wiring.completed']),
      technician.post(`/api/units/${unit.id}/events`, BODIES['connection.started']),
    ]);
    const history = (await office.get(`/api/units/${unit.id}/events`)).json().items;
    expect(history.map((s: { type: string }) => s.type)).toContain('wiring.completed');
    const { deriveProgress } = await import('../../shared/domain/progress.js');
    const derived = deriveProgress(history, new Date(unit.createdAt).toISOString());
    expect((await office.get(`/api/units/${unit.id}`)).json().unit.progress).toEqual(derived);
  });

  test('16 parallel steps that are all allowed all land, numbered 1 to 16 without a gap', async ({ t, technician }) => {
    const unit = await t.unit();
    const answers = await Promise.all(
      Array.from({ length: 16 }, () => technician.post(`/api/units/${unit.id}/events`, BODIES['wiring.postponed'])),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(16).fill(201));
    const seqs = (await t.database.db.select({ seq: steps.seq }).from(steps).where(eq(steps.unitId, unit.id))).map((r) => r.seq);
    expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const [stored] = await t.database.db.select({ n: units.stepCount }).from(units).where(eq(units.id, unit.id));
    expect(stored.n).toBe(16);
  });
});

describe('the write itself', () => {
  test('appends nothing, audits nothing and keeps the progress when the unit changed since it was read', async ({ t, office, technician }) => {
    const unit = await t.unit();
    await technician.post(`/api/units/${unit.id}/events`, BODIES['wiring.started']);
    const { appendStep } = await import('../../db/queries/steps.js');
    const { applyStep } = await import('../../shared/domain/progress.js');
    const before = (await office.get(`/api/units/${unit.id}`)).json().unit.progress;
    const stale = applyStep(before, { type: 'wiring.completed', occurredAt: new Date().toISOString(), data: {} });
    const audited = async () => (await t.database.db.select().from(audit).where(eq(audit.target, `unit:${unit.id}`))).length;
    const auditBefore = await audited();
    // revision 0 says "the unit had no steps when I read it": it has one, so this write lost the race
    const row = await appendStep(t.database.db, {
      unitId: unit.id,
      seq: 2,
      revision: 0,
      type: 'wiring.completed',
      stage: 'wiring',
      occurredAt: new Date(),
      actor: technician.user,
      note: null,
      data: {},
      clientEventId: null,
      progress: stale,
      ip: '127.0.0.1',
      channel: 'zw_live',
    });
    expect(row).toBeUndefined();
    expect(await stepCount(t, unit.id)).toBe(1);
    expect((await office.get(`/api/units/${unit.id}`)).json().unit.progress).toEqual(before);
    expect(await audited()).toBe(auditBefore);
  });

  test('writes nothing when a void changed the progress since it was read, though a void leaves the step count as it was', async ({ t, office, technician }) => {
    const unit = await t.unit();
    await technician.post(`/api/units/${unit.id}/events`, BODIES['wiring.started']);
    const completed = (await technician.post(`/api/units/${unit.id}/events`, BODIES['wiring.completed'])).json().event.id;
    const [read] = await t.database.db.select().from(units).where(eq(units.id, unit.id));
    expect((await office.post(`/api/events/${completed}/void`, { reason: '记错了' })).statusCode).toBe(200);

    const { appendStep } = await import('../../db/queries/steps.js');
    const { applyStep, deriveProgress } = await import('../../shared/domain/progress.js');
    const row = await appendStep(t.database.db, {
      unitId: unit.id,
      seq: read.stepCount + 1,
      revision: read.revision,
      type: 'connection.started',
      stage: 'connection',
      occurredAt: new Date(),
      actor: technician.user,
      note: null,
      data: {},
      clientEventId: null,
      progress: applyStep(read.progress, { type: 'connection.started', occurredAt: new Date().toISOString(), data: {} }),
      ip: '127.0.0.1',
      channel: 'zw_live',
    });
    expect(row).toBeUndefined();
    const history = (await office.get(`/api/units/${unit.id}/events`)).json().items;
    const stored = (await office.get(`/api/units/${unit.id}`)).json().unit.progress;
    expect(stored.wiring.status).toBe('in_progress');
    expect(stored).toEqual(deriveProgress(history.filter((h: { voided: boolean }) => !h.voided), new Date(unit.createdAt).toISOString()));
  });

  test('a void racing a step: exactly one of them is taken, and the progress is what the live steps derive', async ({ t, office, technician }) => {
    const { deriveProgress } = await import('../../shared/domain/progress.js');
    for (let i = 0; i < 10; i++) {
      const unit = await t.unit();
      const completed = (await office.post(`/api/units/${unit.id}/events`, BODIES['wiring.completed'])).json().event.id;
      const [voided, recorded] = await Promise.all([
        office.post(`/api/events/${completed}/void`, { reason: '记错了' }),
        technician.post(`/api/units/${unit.id}/events`, BODIES['connection.started']),
      ]);
      // void first: wiring is not done, so connection cannot start; step first: the completion is no longer the latest
      expect([[200, 409], [409, 201]]).toContainEqual([voided.statusCode, recorded.statusCode]);
      const history = (await office.get(`/api/units/${unit.id}/events`)).json().items;
      const stored = (await office.get(`/api/units/${unit.id}`)).json().unit.progress;
      expect(stored).toEqual(deriveProgress(history.filter((h: { voided: boolean }) => !h.voided), new Date(unit.createdAt).toISOString()));
    }
  });
});

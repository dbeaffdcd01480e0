import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { errorOf, type Agent } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { BODIES } from '../helpers/steps.js';

async function record(technician: Agent, unitId: string, ...types: string[]) {
  const ids: string[] = [];
  for (const type of types) {
    const res = await technician.post(`/api/units/${unitId}/events`, BODIES[type]);
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().event.id);
  }
  return ids;
}

describe('voiding a step', () => {
  test("voids the unit's latest live step and derives the stages again from the rest", async ({ t, office, technician }) => {
    const unit = await t.unit();
    const [, completed] = await record(technician, unit.id, 'wiring.started', 'wiring.completed');
    const res = await office.post(`/api/events/${completed}/void`, { reason: '误操作，实际未完工' });
    expect(res.statusCode).toBe(200);
    expect(res.json().event).toMatchObject({ id: completed, voided: true, voidReason: '误操作，实际未完工' });
    expect(res.json().event.voidedBy).toMatchObject({ id: office.user.id, displayName: office.user.displayName });
    expect(res.json().progress.wiring.status).toBe('in_progress');
    expect((await office.get(`/api/units/${unit.id}`)).json().unit.progress.wiring.status).toBe('in_progress');
  });

  test('keeps the voided step in the history, marked void with who, when and why', async ({ t, office, technician }) => {
    const unit = await t.unit();
    const [id] = await record(technician, unit.id, 'wiring.started');
    await office.post(`/api/events/${id}/void`, { reason: '记错单位' });
    const history = (await office.get(`/api/units/${unit.id}/events`)).json().items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ id, voided: true, voidReason: '记错单位', voidedBy: { id: office.user.id } });
    expect(Date.parse(history[0].voidedAt)).not.toBeNaN();
  });

  test('refuses a step that is not the latest live one with 409, changing nothing', async ({ t, office, technician }) => {
    const unit = await t.unit();
    const [started] = await record(technician, unit.id, 'wiring.started', 'wiring.completed');
    const res = await office.post(`/api/events/${started}/void`, { reason: 'x' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('CONFLICT');
    expect((await office.get(`/api/units/${unit.id}`)).json().unit.progress.wiring.status).toBe('done');
  });

  test('refuses voiding a step twice; the step before it becomes the latest live one', async ({ t, office, technician }) => {
    const unit = await t.unit();
    const [started, completed] = await record(technician, unit.id, 'wiring.started', 'wiring.completed');
    await office.post(`/api/events/${completed}/void`, { reason: 'a' });
    expect((await office.post(`/api/events/${completed}/void`, { reason: 'b' })).statusCode).toBe(409);
    const res = await office.post(`/api/events/${started}/void`, { reason: 'c' });
    expect(res.statusCode).toBe(200);
    expect(res.json().progress.wiring).toMatchObject({ status: 'pending' });
  });

  test('after a void the stage machine sees the state before the voided step', async ({ t, office, technician }) => {
    const unit = await t.unit();
    const [completed] = await record(technician, unit.id, 'wiring.completed');
    await office.post(`/api/events/${completed}/void`, { reason: 'x' });
    const res = await technician.post(`/api/units/${unit.id}/events`, BODIES['connection.started']);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toContain('wiring is not done');
  });

  test('a voided postponement no longer counts', async ({ t, office, technician }) => {
    const unit = await t.unit();
    await record(technician, unit.id, 'wiring.postponed');
    const [second] = await record(technician, unit.id, 'wiring.postponed');
    const res = await office.post(`/api/events/${second}/void`, { reason: 'x' });
    expect(res.json().progress.postponements).toBe(1);
  });

  test('needs a reason (400), is the office’s alone (403), and a step id that names nothing is a 404', async ({ t, office, technician }) => {
    const unit = await t.unit();
    const [id] = await record(technician, unit.id, 'wiring.started');
    expect((await office.post(`/api/events/${id}/void`, {})).statusCode).toBe(400);
    expect((await office.post(`/api/events/${id}/void`, { reason: '   ' })).statusCode).toBe(400);
    expect((await technician.post(`/api/events/${id}/void`, { reason: 'x' })).statusCode).toBe(403);
    expect((await office.post(`/api/events/${randomUUID()}/void`, { reason: 'x' })).statusCode).toBe(404);
    expect((await office.post(`/api/events/nope/void`, { reason: 'x' })).statusCode).toBe(404);
  });
});

describe('reading steps', () => {
  test("lists a unit's steps oldest first with the contract's fields", async ({ t, technician }) => {
    const unit = await t.unit();
    await record(technician, unit.id, 'wiring.started', 'wiring.completed');
    const res = await technician.get(`/api/units/${unit.id}/events`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect(body.items.map((s: { type: string }) => s.type)).toEqual(['wiring.started', 'wiring.completed']);
    for (const key of ['id', 'unitId', 'type', 'stage', 'occurredAt', 'recordedAt', 'actor', 'note', 'data', 'voided']) {
      expect(body.items[0]).toHaveProperty(key);
    }
  });

  test("a unit's contact reads its own unit's steps and not another's", async ({ t }) => {
    const mine = await t.unit();
    const other = await t.unit();
    const contact = await t.as('unit', { unitId: mine.id });
    expect((await contact.get(`/api/units/${mine.id}/events`)).statusCode).toBe(200);
    expect((await contact.get(`/api/units/${other.id}/events`)).statusCode).toBe(403);
  });

  test('the events feed lists all steps newest first, filtered by unit, type and since', async ({ t, office, technician }) => {
    const a = await t.unit();
    const b = await t.unit();
    await record(technician, a.id, 'wiring.started');
    const mark = new Date().toISOString();
    await record(technician, b.id, 'wiring.refused');
    await record(technician, a.id, 'wiring.completed');
    const all = (await office.get('/api/events?pageSize=500')).json();
    const times = all.items.map((s: { recordedAt: string }) => Date.parse(s.recordedAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const forA = (await office.get(`/api/events?unitId=${a.id}`)).json();
    expect(forA.items.map((s: { type: string }) => s.type)).toEqual(['wiring.completed', 'wiring.started']);
    const refusals = (await office.get(`/api/events?type=wiring.refused&unitId=${b.id}`)).json();
    expect(refusals.total).toBe(1);
    const recent = (await office.get(`/api/events?since=${encodeURIComponent(mark)}&unitId=${a.id}`)).json();
    expect(recent.items.map((s: { type: string }) => s.type)).toEqual(['wiring.completed']);
    expect((await office.get('/api/events?unitId=nonsense')).json().total).toBe(0);
  });

  test('the events feed is for the office and leaders only', async ({ t, technician }) => {
    expect((await technician.get('/api/events')).statusCode).toBe(403);
    expect((await (await t.as('viewer')).get('/api/events')).statusCode).toBe(200);
  });
});

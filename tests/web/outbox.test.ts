// The outbox on the device: order, what is retried, what is final, and no step lost or doubled
// across reloads. Runs on the real IndexedDB store over fake-indexeddb. What a failed send means
// is in outbox.classify.test.ts; storing before sending, time limits and what the waiting form is
// told, in outbox.first.test.ts. Each file makes its browser database afresh for each test
// (outbox.kit.ts).
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../web/src/shared/api/http.js';
import { closeFieldDb } from '../../web/src/features/field/outbox/db.js';
import type { OutboxOptions } from '../../web/src/features/field/outbox/outbox.js';
import type { OutboxEntry } from '../../web/src/features/field/outbox/types.js';
import { pendingFor } from '../../web/src/features/field/outbox/optimistic.js';
import { conflict, fakeServer, id, networkDown, openOutbox, step, USER, useFreshDevice } from './outbox.kit.js';

useFreshDevice();

describe('the outbox', () => {
  it('sends steps in the order they were logged, one at a time, each with the time it was logged', async () => {
    const server = fakeServer();
    let now = Date.now();
    const outbox = await openOutbox({ send: server.send, now: () => now });
    const a = step('wiring.started');
    const b = step('wiring.completed');
    const c = step('connection.started');
    const before = now;
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: a });
    await outbox.enqueue({ userId: USER, unitId: 'unit-2', unitName: '农业局', step: b });
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: c });
    now += 60_000; // the signal came back a minute later
    outbox.setUser(USER);
    await outbox.flush();
    expect(server.calls).toEqual([a.clientEventId, b.clientEventId, c.clientEventId]);
    expect(server.maxInFlight()).toBe(1);
    expect(server.recorded.get(a.clientEventId)!.occurredAt).toBe(new Date(before).toISOString());
    expect(outbox.getSnapshot().entries.map((e) => e.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('leaves the time of a step sent at once to the server’s clock (a phone’s may run ahead), and sends the logged time on a retry', async () => {
    let down = false;
    const server = fakeServer(() => (down ? networkDown : null));
    const bodies: NonNullable<OutboxEntry['step']>[] = [];
    const send: OutboxOptions['send'] = (entry, signal) => {
      bodies.push(entry.step!);
      return server.send(entry, signal);
    };
    const outbox = await openOutbox({ send, retryMs: 10 });
    outbox.setUser(USER);
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: step() });
    await outbox.flush();
    expect(bodies[0].occurredAt).toBeUndefined();
    down = true;
    const later = step();
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: later });
    await outbox.flush();
    down = false;
    await vi.waitFor(() => expect(server.recorded.has(later.clientEventId)).toBe(true), { timeout: 2_000 });
    const logged = outbox.getSnapshot().entries.find((e) => e.clientEventId === later.clientEventId)!.loggedAt;
    expect(bodies.at(-1)!.occurredAt).toBe(logged);
    outbox.stop();
  });

  it('keeps a time the technician set back', async () => {
    const server = fakeServer();
    const outbox = await openOutbox({ send: server.send });
    outbox.setUser(USER);
    const s = step('wiring.started', '2026-11-20T02:00:00.000Z');
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: s });
    await outbox.flush();
    expect(server.recorded.get(s.clientEventId)!.occurredAt).toBe('2026-11-20T02:00:00.000Z');
  });

  it('keeps steps while the network is down and sends them, in order, when a retry succeeds', async () => {
    let down = true;
    const server = fakeServer(() => (down ? networkDown : null));
    const outbox = await openOutbox({ send: server.send, retryMs: 20 });
    outbox.setUser(USER);
    const a = step();
    const b = step('wiring.completed');
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: a });
    await outbox.enqueue({ userId: USER, unitId: 'unit-2', unitName: '农业局', step: b });
    await outbox.flush();
    // the first one failed: the second was not tried out of turn
    expect(server.calls.every((c) => c === a.clientEventId)).toBe(true);
    expect(outbox.getSnapshot().entries.map((e) => e.status)).toEqual(['pending', 'pending']);
    expect(outbox.getSnapshot().nextRetryAt).not.toBeNull();
    down = false;
    await vi.waitFor(() => expect(server.recorded.size).toBe(2), { timeout: 2_000 });
    expect([...server.recorded.keys()]).toEqual([a.clientEventId, b.clientEventId]);
    outbox.stop();
  });

  it('retries a 503 with growing delays', async () => {
    const server = fakeServer(() => new ApiError(503, 'UNAVAILABLE', 'database down'));
    const clock = Date.parse('2026-11-28T01:00:00Z');
    const outbox = await openOutbox({ send: server.send, retryMs: 20, now: () => clock });
    const delays: number[] = [];
    outbox.subscribe(() => {
      const next = outbox.getSnapshot().nextRetryAt;
      if (next !== null && next - clock !== delays[delays.length - 1]) delays.push(next - clock);
    });
    outbox.setUser(USER);
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: step() });
    await vi.waitFor(() => expect(delays.length).toBeGreaterThanOrEqual(3), { timeout: 3_000 });
    outbox.stop();
    expect(delays.slice(0, 3)).toEqual([20, 40, 80]);
    expect(server.calls.length).toBeGreaterThanOrEqual(3);
    expect(outbox.getSnapshot().entries[0]).toMatchObject({ status: 'pending', lastError: '503 UNAVAILABLE' });
  });

  it('lets a routine look wait for the backoff, but not the connection coming back', async () => {
    let down = true;
    const server = fakeServer(() => (down ? networkDown : null));
    const outbox = await openOutbox({ send: server.send, retryMs: 60_000 });
    outbox.setUser(USER);
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: step() });
    await outbox.flush();
    const tries = server.calls.length;
    await outbox.poll();
    expect(server.calls.length).toBe(tries);
    down = false;
    outbox.retryNow(); // the `online` event
    await outbox.flush();
    expect(server.recorded.size).toBe(1);
    expect(outbox.getSnapshot().nextRetryAt).toBeNull();
  });

  it('marks a step the server refuses as refused with its reason, never retries it, and sends the next', async () => {
    const refused = step();
    const next = step('wiring.started');
    const server = fakeServer((e) => (e.clientEventId === refused.clientEventId ? conflict : null));
    const onRefused = vi.fn();
    const outbox = await openOutbox({ send: server.send, onRefused });
    outbox.setUser(USER);
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: refused });
    await outbox.enqueue({ userId: USER, unitId: 'unit-2', unitName: '农业局', step: next });
    await outbox.flush();
    const entries = outbox.getSnapshot().entries;
    expect(entries[0]).toMatchObject({ status: 'refused', refusal: { status: 409, code: 'INVALID_TRANSITION', message: conflict.message, details: { reason: 'stage_done' } } });
    expect(entries[1].status).toBe('sent');
    expect(onRefused).toHaveBeenCalledTimes(1);

    const calls = server.calls.length;
    outbox.retryNow();
    await outbox.flush();
    expect(server.calls.length).toBe(calls);
    expect(outbox.getSnapshot().nextRetryAt).toBeNull();

    await outbox.dismiss(refused.clientEventId);
    expect(outbox.getSnapshot().entries.map((e) => e.clientEventId)).toEqual([next.clientEventId]);
  });

  it('takes 400 and 403 as final too', async () => {
    const bad = step();
    const forbidden = step();
    const server = fakeServer((e) =>
      e.clientEventId === bad.clientEventId ? new ApiError(400, 'VALIDATION_FAILED', 'bad', [{ field: 'data.reason', message: 'required' }]) : new ApiError(403, 'FORBIDDEN', 'no'),
    );
    const outbox = await openOutbox({ send: server.send });
    outbox.setUser(USER);
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: bad });
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: forbidden });
    await outbox.flush();
    expect(outbox.getSnapshot().entries.map((e) => [e.status, e.refusal?.status])).toEqual([['refused', 400], ['refused', 403]]);
    expect(server.calls).toHaveLength(2);
  });

  it('pauses on 401, sends nothing more, and resumes after the user logs in again', async () => {
    let loggedIn = false;
    const server = fakeServer(() => (loggedIn ? null : new ApiError(401, 'UNAUTHENTICATED', 'session ended')));
    const onPaused = vi.fn();
    const outbox = await openOutbox({ send: server.send, onPaused });
    outbox.setUser(USER);
    const a = step();
    const b = step('wiring.completed');
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: a });
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: b });
    await outbox.flush();
    expect(outbox.getSnapshot().paused).toBe(true);
    expect(onPaused).toHaveBeenCalled();
    expect(server.calls).toEqual([a.clientEventId]);
    await outbox.flush();
    expect(server.calls).toEqual([a.clientEventId]);
    expect(outbox.getSnapshot().entries.map((e) => e.status)).toEqual(['pending', 'pending']);

    loggedIn = true;
    outbox.setUser(USER); // the login page answered: the same user is back
    await outbox.flush();
    expect(outbox.getSnapshot().paused).toBe(false);
    expect([...server.recorded.keys()]).toEqual([a.clientEventId, b.clientEventId]);
  });

  it('sends only the signed-in user’s own steps', async () => {
    const server = fakeServer();
    const outbox = await openOutbox({ send: server.send });
    const mine = step();
    await outbox.enqueue({ userId: 'someone-else', unitId: 'unit-1', unitName: '城关镇', step: step() });
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: mine });
    outbox.setUser(USER);
    await outbox.flush();
    expect(server.calls).toEqual([mine.clientEventId]);
    expect(outbox.getSnapshot().entries.map((e) => e.status)).toEqual(['pending', 'sent']);
  });

  it('loses nothing and doubles nothing across a reload, even when an answer was lost on the way', async () => {
    // the first step reaches the server but its answer never comes back: the device still holds it
    const a = step();
    const b = step('wiring.completed');
    const server = fakeServer();
    let dropAnswer = true;
    const lossy: OutboxOptions['send'] = async (entry, signal) => {
      const answer = await server.send(entry, signal);
      if (dropAnswer) throw networkDown;
      return answer;
    };
    const first = await openOutbox({ send: lossy });
    first.setUser(USER);
    await first.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: a });
    await first.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: b });
    await first.flush();
    first.stop();
    expect(server.recorded.size).toBe(1);

    // the tab is closed and opened again: a new outbox over the same device storage
    closeFieldDb();
    dropAnswer = false;
    const second = await openOutbox({ send: lossy });
    expect(second.getSnapshot().entries.map((e) => [e.clientEventId, e.status])).toEqual([[a.clientEventId, 'pending'], [b.clientEventId, 'pending']]);
    second.setUser(USER);
    await second.flush();
    await second.flush(); // a repeated sync
    expect([...server.recorded.keys()]).toEqual([a.clientEventId, b.clientEventId]);
    expect(second.getSnapshot().entries.map((e) => e.status)).toEqual(['sent', 'sent']);

    // a third load sends nothing again
    closeFieldDb();
    const third = await openOutbox({ send: lossy });
    third.setUser(USER);
    const calls = server.calls.length;
    await third.flush();
    expect(server.calls.length).toBe(calls);
  });

  it('stores a step once even when it is queued twice', async () => {
    const server = fakeServer();
    const outbox = await openOutbox({ send: server.send });
    const s = step();
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: s });
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: s });
    expect(outbox.getSnapshot().entries).toHaveLength(1);
  });

  it('lets two tabs sync at once without recording a step twice', async () => {
    const server = fakeServer();
    const tabA = await openOutbox({ send: server.send });
    const tabB = await openOutbox({ send: server.send });
    for (let i = 0; i < 3; i++) await tabA.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: step() });
    tabA.setUser(USER);
    tabB.setUser(USER);
    await Promise.all([tabA.flush(), tabB.flush()]);
    expect(server.recorded.size).toBe(3);
    await tabB.load();
    expect(tabB.getSnapshot().entries.every((e) => e.status === 'sent')).toBe(true);
  });

  it('forgets sent steps after a day, never pending ones', async () => {
    const server = fakeServer();
    let now = Date.now();
    const outbox = await openOutbox({ send: server.send, now: () => now });
    outbox.setUser(USER);
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: step() });
    await outbox.flush();
    outbox.setUser(null);
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: step() });
    now += 25 * 3_600_000;
    await outbox.load();
    expect(outbox.getSnapshot().entries.map((e) => e.status)).toEqual(['pending']);
  });

  it('keeps an office roster mark like a step: across a reload, in order, resent after a failure with the same id, never among the unit’s steps', async () => {
    const first = await openOutbox({ send: fakeServer().send });
    const a = step('wiring.started');
    await first.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: a });
    const markId = id();
    await first.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', clientEventId: markId, attendance: { trainingId: 't-1', status: 'attended', attendee: '张三' } });
    // the unit's queued steps (its optimistic progress) leave the mark out
    expect(pendingFor(first.getSnapshot().entries, 'unit-1').map((e) => e.clientEventId)).toEqual([a.clientEventId]);
    closeFieldDb();
    let down = true;
    const server = fakeServer((entry) => (down && entry.attendance ? networkDown : null));
    const sent: OutboxEntry[] = [];
    const outbox = await openOutbox({ send: (entry, signal) => (sent.push(entry), server.send(entry, signal)), retryMs: 10 });
    outbox.setUser(USER);
    await outbox.flush();
    expect(outbox.getSnapshot().entries.map((e) => e.status)).toEqual(['sent', 'pending']);
    down = false;
    outbox.retryNow();
    await outbox.flush();
    expect(server.calls).toEqual([a.clientEventId, markId, markId]);
    expect(sent.at(-1)).toMatchObject({ clientEventId: markId, unitId: 'unit-1', attendance: { trainingId: 't-1', status: 'attended', attendee: '张三' } });
    expect(sent.at(-1)!.step).toBeUndefined();
    expect(outbox.getSnapshot().entries.map((e) => e.status)).toEqual(['sent', 'sent']);
  });
});


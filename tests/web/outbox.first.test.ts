// The outbox first: a step is on the device before its first send, a send with no answer is
// given up after a time limit and retried with the same id, and the waiting form is told at once
// what became of its step; the progress a unit shows with its queued steps applied. Runs on the
// real IndexedDB store over fake-indexeddb, made afresh for each test (outbox.kit.ts); the
// outbox's order and retries are in outbox.test.ts.
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../web/src/shared/api/http.js';
import { closeFieldDb } from '../../web/src/features/field/outbox/db.js';
import { optimisticProgress } from '../../web/src/features/field/outbox/optimistic.js';
import type { OutboxOptions } from '../../web/src/features/field/outbox/outbox.js';
import { createIdbOutboxStore } from '../../web/src/features/field/outbox/store.js';
import { unitWith } from './fixtures.js';
import { conflict, fakeServer, openOutbox, step, USER, useFreshDevice } from './outbox.kit.js';

useFreshDevice();

/** A request that reaches the server (which records it) but whose answer never comes back, until `release`. */
function heldServer() {
  const server = fakeServer();
  let hold = true;
  const held: (() => void)[] = [];
  const send: OutboxOptions['send'] = async (entry, signal) => {
    const answer = await server.send(entry, signal);
    if (!hold) return answer;
    // like fetch: only an abort ends the wait
    return new Promise((_, reject) => {
      held.push(() => reject(new ApiError(0, 'NETWORK', 'gone')));
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  };
  return { ...server, send, release: () => (hold = false), held };
}

describe('outbox first', () => {
  it('stores a step on the device before its first send, and keeps it while the send waits for an answer', async () => {
    const server = heldServer();
    const outbox = await openOutbox({ send: server.send });
    outbox.setUser(USER);
    const s = step();
    const entry = await outbox.enqueueAndWait({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: s }, 50);
    // the form's wait is over, the request is still open: the step is pending, on the device
    expect(entry).toMatchObject({ clientEventId: s.clientEventId, status: 'pending' });
    expect(outbox.getSnapshot().sending).toBe(s.clientEventId);
    expect((await createIdbOutboxStore().list()).map((e) => [e.clientEventId, e.status])).toEqual([[s.clientEventId, 'pending']]);
    outbox.stop();
  });

  it('gives up a send with no answer after the time limit, says so, and retries with the same id', async () => {
    const server = heldServer();
    // the retry waits long enough to be seen waiting: at 30 ms a loaded machine (CI, 2 cores) had
    // already started it, and nextRetryAt was null again, before the first check ran
    const outbox = await openOutbox({ send: server.send, timeoutMs: 40, retryMs: 400 });
    outbox.setUser(USER);
    const s = step();
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: s });
    await vi.waitFor(() => {
      expect(outbox.getSnapshot().entries[0]).toMatchObject({ status: 'pending', lastFailure: 'timeout', attempts: 1 });
      expect(outbox.getSnapshot().nextRetryAt).not.toBeNull();
    }, { timeout: 2_000 });
    server.release();
    await vi.waitFor(() => expect(outbox.getSnapshot().entries[0].status).toBe('sent'), { timeout: 3_000 });
    expect(server.calls).toEqual([s.clientEventId, s.clientEventId]);
    expect(server.recorded.size).toBe(1);
    outbox.stop();
  });

  it('gives up on time even when the request ignores its abort signal', async () => {
    const outbox = await openOutbox({ send: () => new Promise(() => {}), timeoutMs: 30, retryMs: 60_000 });
    outbox.setUser(USER);
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: step() });
    await vi.waitFor(() => expect(outbox.getSnapshot().entries[0].lastFailure).toBe('timeout'), { timeout: 1_000 });
    expect(outbox.getSnapshot().sending).toBeNull();
    outbox.stop();
  });

  it('resends a step whose tab was closed mid-send, and it is recorded exactly once', async () => {
    const server = heldServer();
    const first = await openOutbox({ send: server.send });
    first.setUser(USER);
    const s = step();
    await first.enqueueAndWait({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: s }, 20);
    await vi.waitFor(() => expect(server.recorded.size).toBe(1));
    // the tab closes while the answer is on its way: nothing of it runs any more
    first.stop();
    closeFieldDb();
    server.release();
    const second = await openOutbox({ send: server.send });
    expect(second.getSnapshot().entries.map((e) => e.status)).toEqual(['pending']);
    second.setUser(USER);
    await second.flush();
    expect(server.calls).toEqual([s.clientEventId, s.clientEventId]);
    expect(server.recorded.size).toBe(1);
    expect(second.getSnapshot().entries[0]).toMatchObject({ status: 'sent', eventId: `ev-${s.clientEventId}` });
  });

  it('tells the waiting form at once what the server answered: recorded, or refused and why', async () => {
    const refusedStep = step();
    const server = fakeServer((e) => (e.clientEventId === refusedStep.clientEventId ? conflict : null));
    const outbox = await openOutbox({ send: server.send });
    outbox.setUser(USER);
    const ok = await outbox.enqueueAndWait({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: step() }, 5_000);
    expect(ok.status).toBe('sent');
    const no = await outbox.enqueueAndWait({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: refusedStep }, 5_000);
    expect(no).toMatchObject({ status: 'refused', refusal: { status: 409, code: 'INVALID_TRANSITION' } });
  });

  it('answers the waiting form at once when the device is offline: the step waits, untried', async () => {
    const server = fakeServer();
    const outbox = await openOutbox({ send: server.send, isOnline: () => false });
    outbox.setUser(USER);
    const started = Date.now();
    const entry = await outbox.enqueueAndWait({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: step() }, 5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(entry).toMatchObject({ status: 'pending', attempts: 0 });
    expect(server.calls).toHaveLength(0);
  });
});

describe('optimistic progress', () => {
  it('applies a unit’s queued steps, in order, to the last known progress', async () => {
    const outbox = await openOutbox({ send: fakeServer().send });
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: step('wiring.started') });
    await outbox.enqueue({ userId: USER, unitId: 'unit-2', unitName: '农业局', step: step('wiring.completed') });
    await outbox.enqueue({ userId: USER, unitId: 'unit-1', unitName: '城关镇', step: step('wiring.completed') });
    const progress = optimisticProgress(unitWith([]).progress, outbox.getSnapshot().entries, 'unit-1');
    expect(progress.wiring.status).toBe('done');
    expect(progress.connection.status).toBe('pending');
    expect(optimisticProgress(unitWith([]).progress, outbox.getSnapshot().entries, 'unit-3').wiring.status).toBe('pending');
  });
});

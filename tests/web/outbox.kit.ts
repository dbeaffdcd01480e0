// What the outbox tests share (outbox.test.ts, outbox.first.test.ts, outbox.classify.test.ts): a
// fresh browser database for each test (fake-indexeddb), a fake server that records each step
// once, an outbox opened as the app opens one, and steps and failures to send.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, vi } from 'vitest';
import { ApiError } from '../../web/src/shared/api/http.js';
import { closeFieldDb } from '../../web/src/features/field/outbox/db.js';
import { Outbox, type OutboxOptions } from '../../web/src/features/field/outbox/outbox.js';
import { createIdbOutboxStore } from '../../web/src/features/field/outbox/store.js';
import type { OutboxEntry } from '../../web/src/features/field/outbox/types.js';

export const USER = 'u-tech';
let uuid = 0;
export const id = () => `00000000-0000-4000-8000-${String(++uuid).padStart(12, '0')}`;

/** A fresh, empty browser database for each test of the file that calls this. */
export function useFreshDevice() {
  beforeEach(() => {
    // a fresh, empty browser database for each test
    vi.stubGlobal('indexedDB', new IDBFactory());
    closeFieldDb();
  });
  afterEach(() => {
    closeFieldDb();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
}

/** A server that records each clientEventId once, as the real one does; `fail` decides per call. */
export function fakeServer(fail: (entry: OutboxEntry, call: number) => unknown = () => null) {
  const recorded = new Map<string, OutboxEntry['step']>();
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send: OutboxOptions['send'] = async (entry) => {
    calls.push(entry.clientEventId);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await new Promise((r) => setTimeout(r, 1));
      const error = fail(entry, calls.length);
      if (error) throw error;
      if (!recorded.has(entry.clientEventId)) recorded.set(entry.clientEventId, entry.step);
      return { event: { id: `ev-${entry.clientEventId}` }, progress: {} };
    } finally {
      inFlight--;
    }
  };
  return { send, recorded, calls, maxInFlight: () => maxInFlight };
}

/** An outbox as the app makes one after a (re)load: it reads what the device kept. */
export async function openOutbox(options: Partial<OutboxOptions> & Pick<OutboxOptions, 'send'>) {
  const outbox = new Outbox({ store: createIdbOutboxStore(), retryMs: 1_000, ...options });
  await outbox.load();
  return outbox;
}

export const step = (type: 'wiring.started' | 'wiring.completed' | 'connection.started' = 'wiring.started', occurredAt?: string) => ({
  type,
  clientEventId: id(),
  ...(occurredAt ? { occurredAt } : {}),
});

export const networkDown = new ApiError(0, 'NETWORK', 'The server could not be reached');
export const conflict = new ApiError(409, 'INVALID_TRANSITION', 'wiring cannot start: wiring is already done', { reason: 'stage_done' });

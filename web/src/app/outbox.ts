// The app's one outbox: stored in IndexedDB, sending through the API client, telling the
// query cache what the server answered. Started once, whatever page is open.
import type { QueryClient } from '@tanstack/react-query';
import { meKey } from '../features/auth/index.js';
import { stepsApi } from '../../../shared/api/steps.js';
import { trainingApi } from '../../../shared/api/training.js';
import { trainingKeys } from '../features/training/index.js';
import type { StepResponse } from '../../../shared/schemas/index.js';
import { applyStepAnswer, unitKeys } from '../features/units/index.js';
import { call } from '../shared/api/call.js';
import { Outbox, createIdbOutboxStore, createMemoryOutboxStore, type OutboxEntry, type SendAnswer } from '../features/field/index.js';

/** A look at queued steps this often, besides the backoff timer: another tab may have queued some. */
const PERIODIC_MS = 60_000;

export function createAppOutbox(queryClient: QueryClient): Outbox {
  const refreshTraining = () => {
    void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['reports'] });
  };
  const store = typeof indexedDB === 'undefined' ? createMemoryOutboxStore() : createIdbOutboxStore();
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const outbox = new Outbox({
    store,
    send,
    onSent: (entry, answer) => (entry.attendance ? refreshTraining() : applyStepAnswer(queryClient, entry.unitId, answer as StepResponse)),
    // someone else moved the unit on (or changed the roster): fetch what is true now
    onRefused: (entry) => (entry.attendance ? refreshTraining() : void queryClient.invalidateQueries({ queryKey: unitKeys.all })),
    onPaused: () => queryClient.setQueryData(meKey, null),
    isOnline: () => navigator.onLine,
    lock: locks ? <T>(run: () => Promise<T>) => locks.request('zw-outbox', run) as Promise<T> : undefined,
  });
  return outbox;
}

/** A step goes to the unit's events; an office's roster mark to the training's attendance (same clientEventId, so a resend records it once). */
async function send(entry: OutboxEntry, signal: AbortSignal): Promise<SendAnswer> {
  const mark = entry.attendance;
  if (!mark) return call(stepsApi.record, { params: { id: entry.unitId }, body: entry.step!, signal });
  const { trainingId, ...words } = mark;
  const answer = await call(trainingApi.mark, { params: { id: trainingId }, body: { unitId: entry.unitId, ...words, clientEventId: entry.clientEventId }, signal });
  // a mark has no event id of its own: its clientEventId names what was recorded
  return { event: { id: entry.clientEventId }, progress: answer.attendance };
}

/** Starts the automatic sending; returns a function that stops it. */
export function startOutbox(outbox: Outbox): () => void {
  void outbox.load();
  const online = () => outbox.retryNow();
  const visible = () => {
    if (document.visibilityState === 'visible') void outbox.poll();
  };
  window.addEventListener('online', online);
  document.addEventListener('visibilitychange', visible);
  const timer = setInterval(() => void outbox.poll(), PERIODIC_MS);
  return () => {
    window.removeEventListener('online', online);
    document.removeEventListener('visibilitychange', visible);
    clearInterval(timer);
    outbox.stop();
  };
}

// The outbox as the pages see it: one instance for the app, hooks to read and use it.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Outbox, OutboxSnapshot } from './outbox.js';

export const OutboxContext = createContext<Outbox | null>(null);

const EMPTY: OutboxSnapshot = { entries: [], paused: false, syncing: false, sending: null, nextRetryAt: null, loaded: true };
const noop = () => () => {};

/** The app's outbox, or null where there is none (a piece rendered alone in a test). */
export const useOutbox = () => useContext(OutboxContext);

export function useOutboxState(): OutboxSnapshot {
  const outbox = useContext(OutboxContext);
  return useSyncExternalStore(outbox?.subscribe ?? noop, outbox?.getSnapshot ?? (() => EMPTY), () => EMPTY);
}

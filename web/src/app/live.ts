// Live updates: the server tells every open dashboard about each step recorded or voided,
// and the pages showing that unit, the lists and the reports fetch again.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { reportsKey, unitKeys } from '../features/units/index.js';

interface LiveStep {
  unitId: string;
  stepId: string;
  type: string;
  voided: boolean;
}

export function connectLive(client: QueryClient): () => void {
  let source: EventSource | null = null;
  let reopen: ReturnType<typeof setTimeout> | null = null;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let everOpened = false;
  let closed = false;
  const units = new Set<string>();

  // steps often come in bursts (an import, a sync of the outbox): refetch once per burst
  const flush = () => {
    flushTimer = null;
    for (const id of units) {
      void client.invalidateQueries({ queryKey: unitKeys.detail(id) });
      void client.invalidateQueries({ queryKey: unitKeys.events(id) });
    }
    units.clear();
    void client.invalidateQueries({ queryKey: unitKeys.lists });
    void client.invalidateQueries({ queryKey: reportsKey });
  };

  const open = () => {
    source = new EventSource('/api/live');
    source.addEventListener('open', () => {
      // steps may have been missed while disconnected: everything on screen may be stale
      // (only the queries on screen refetch now; the others when next shown)
      if (everOpened) void client.invalidateQueries();
      everOpened = true;
    });
    source.addEventListener('step', (event) => {
      try {
        const step = JSON.parse((event as MessageEvent<string>).data) as LiveStep;
        units.add(step.unitId);
      } catch {
        return;
      }
      flushTimer ??= setTimeout(flush, 150);
    });
    source.addEventListener('error', () => {
      // EventSource retries by itself unless the server answered with an error (e.g. 401)
      if (source?.readyState === EventSource.CLOSED && !closed) {
        source = null;
        reopen = setTimeout(open, 15_000);
      }
    });
  };
  open();

  return () => {
    closed = true;
    source?.close();
    if (reopen) clearTimeout(reopen);
    if (flushTimer) clearTimeout(flushTimer);
  };
}

/** Listens while someone is signed in. */
export function useLive(userId: string | undefined) {
  const client = useQueryClient();
  useEffect(() => {
    if (!userId || typeof EventSource === 'undefined') return;
    return connectLive(client);
  }, [client, userId]);
}

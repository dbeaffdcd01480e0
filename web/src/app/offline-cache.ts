// A technician's day in the mountains: every unit assigned to them (its page, its steps, its
// backbone people) is fetched ahead, at login and after each sync of the outbox, so the persisted
// query cache (persist.ts) has it when there is no signal, even for a unit never opened here.
import type { QueryClient } from '@tanstack/react-query';
import type { SessionUser } from '../../../shared/schemas/index.js';
import { meKey } from '../features/auth/index.js';
import type { Outbox } from '../features/field/index.js';
import { backbonesQueryOptions } from '../features/training/index.js';
import { myUnitsQueryOptions, unitEventsQueryOptions, unitQueryOptions } from '../features/units/index.js';

/** requests at a time: the phone's own pages keep the rest of a weak connection */
const PARALLEL = 3;
/**
 * an answer this recent is not fetched again when the app opens; a login starts from nothing, and a
 * sync marks every unit's answers stale (step-answer.ts), so both fetch them all
 */
const FRESH_MS = 10 * 60_000;

const technician = (client: QueryClient) => {
  const user = client.getQueryData<SessionUser | null>(meKey);
  return user?.role === 'technician' ? user : null;
};

/** Fetches the technician's units into the cache; another call while one runs runs once more after it. */
export function createWarmer(client: QueryClient, isOnline: () => boolean = () => navigator.onLine) {
  let running: Promise<void> | null = null;
  let again = false;

  async function round() {
    const user = technician(client);
    if (!user || !isOnline()) return;
    const mine = await client.fetchQuery({ ...myUnitsQueryOptions(), staleTime: FRESH_MS });
    const queue = mine.items.flatMap(({ id }) => [
      () => client.prefetchQuery({ ...unitQueryOptions(id), staleTime: FRESH_MS }),
      () => client.prefetchQuery({ ...unitEventsQueryOptions(id), staleTime: FRESH_MS }),
      () => client.prefetchQuery({ ...backbonesQueryOptions(id), staleTime: FRESH_MS }),
    ]);
    const worker = async () => {
      // stop the moment someone else (or nobody) is signed in: their cache is not this user's
      for (let next = queue.shift(); next; next = queue.shift()) {
        if (technician(client)?.id !== user.id || !isOnline()) return;
        await next();
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  }

  return function warm(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await round().catch(() => {}); // a failed fetch leaves the previous copy; the next sync tries again
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}

/** Warms the cache at each login, when the connection returns and after each sync; returns a stop function. */
export function startOfflineCache(client: QueryClient, outbox: Outbox): () => void {
  const warm = createWarmer(client);
  let warmedFor: string | null = null;
  const stopQueries = client.getQueryCache().subscribe((event) => {
    // a login, or the session restored from the device when the app opens (a hydration, not a fetch)
    if (event.type !== 'updated' || event.query.queryKey[0] !== meKey[0]) return;
    const user = client.getQueryData<SessionUser | null>(meKey);
    if ((user?.id ?? null) === warmedFor) return; // once per login or opening, not at every check of the session
    warmedFor = user?.id ?? null;
    void warm();
  });
  let syncing = outbox.getSnapshot().syncing;
  const stopOutbox = outbox.subscribe(() => {
    const now = outbox.getSnapshot().syncing;
    if (syncing && !now) void warm();
    syncing = now;
  });
  const online = () => void warm();
  window.addEventListener('online', online);
  return () => {
    stopQueries();
    stopOutbox();
    window.removeEventListener('online', online);
  };
}

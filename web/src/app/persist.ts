// The last answers about the session, settings and units, kept on the device so the dashboard
// opens with them when there is no network (the service worker brings the app itself): the query
// cache persisted by @tanstack/react-query-persist-client into the field database's `cache` store.
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister';
import type { PersistedClient, Persister, PersistQueryClientProviderProps } from '@tanstack/react-query-persist-client';
import type { SessionUser } from '../../../shared/schemas/index.js';
import { meKey } from '../features/auth/index.js';
import { fieldDb } from '../features/field/index.js';

const KEPT = new Set(['me', 'settings', 'units']);
/** besides whole families above: a unit's backbone people (its page shows them, with phones) */
const KEPT_KEYS: QueryKey[] = [['training', 'backbones']];
/** a technician's units take three answers each (the unit, its steps, its backbones): room for hundreds */
const MAX_ENTRIES = 2000;
export const MAX_AGE_MS = 14 * 24 * 3_600_000;
/** a stored cache that does not open this fast is not waited for: the app starts empty */
const RESTORE_WAIT_MS = 1000;
const STORE_KEY = 'queries';

const keep = (key: QueryKey) =>
  (typeof key[0] === 'string' && KEPT.has(key[0])) || KEPT_KEYS.some((prefix) => prefix.every((part, i) => key[i] === part));

// Whose answers the stored cache holds. localStorage, unlike IndexedDB, is written at once, so a
// reload right after logging out cannot find the previous user's answers before they are cleared.
const OWNER = 'zw.cacheOwner';
function cacheOwner(): string | null {
  try {
    return localStorage.getItem(OWNER);
  } catch {
    return null;
  }
}
function setCacheOwner(userId: string | null): void {
  try {
    if (userId) localStorage.setItem(OWNER, userId);
    else localStorage.removeItem(OWNER);
  } catch {
    // no localStorage: nothing is restored without an owner, so nothing leaks either
  }
}

// the storage the persister writes to: one row of the field database's `cache` store
const idbStorage = {
  getItem: async (key: string) => ((await (await fieldDb()).get('cache', key))?.data as string | undefined) ?? null,
  setItem: async (key: string, value: string) => {
    // one row: any rows an older version of the app kept per query go with the first write
    const tx = (await fieldDb()).transaction('cache', 'readwrite');
    await tx.store.clear();
    await tx.store.put({ key, queryKey: [], data: value, updatedAt: Date.now() });
    await tx.done;
  },
  removeItem: async () => {
    await (await fieldDb()).clear('cache');
  },
};

// the newest answers, as many as are kept, none older than the age limit
function trimmed(client: PersistedClient): PersistedClient {
  const cutoff = Date.now() - MAX_AGE_MS;
  const queries = client.clientState.queries
    .filter((q) => q.state.dataUpdatedAt >= cutoff)
    .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)
    .slice(0, MAX_ENTRIES);
  return { ...client, clientState: { ...client.clientState, queries } };
}

const within = <T,>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))]);

/** The persister: restores only what the user who is signed in on this device left. */
export function createPersister(): Persister {
  const base = createAsyncStoragePersister({
    storage: typeof indexedDB === 'undefined' ? undefined : idbStorage,
    key: STORE_KEY,
    throttleTime: 400,
    serialize: (client) => JSON.stringify(trimmed(client)),
    deserialize: (text) => trimmed(JSON.parse(text) as PersistedClient),
  });
  return {
    persistClient: (client) => base.persistClient(client),
    removeClient: () => base.removeClient(),
    restoreClient: async () => {
      try {
        const stored = await within(Promise.resolve(base.restoreClient()), RESTORE_WAIT_MS);
        if (!stored) return undefined;
        const me = stored.clientState.queries.find((q) => q.queryKey[0] === meKey[0])?.state.data as SessionUser | null | undefined;
        const owner = cacheOwner();
        if (!owner || (me && me.id !== owner)) {
          // left by someone who logged out (or by another user): another person may be at this device
          await base.removeClient();
          return undefined;
        }
        return stored;
      } catch {
        return undefined; // a private window without IndexedDB: start empty
      }
    },
  };
}

/** What PersistQueryClientProvider is given: which answers are kept, for how long, by whom. */
export function persistOptions(client: QueryClient, persister: Persister): PersistQueryClientProviderProps['persistOptions'] {
  // the kept answers stay in the cache as long as they are kept on the device
  for (const key of [...[...KEPT].map((k) => [k]), ...KEPT_KEYS]) client.setQueryDefaults(key, { gcTime: MAX_AGE_MS });
  return {
    persister,
    maxAge: MAX_AGE_MS,
    dehydrateOptions: {
      // nobody signed in: nothing is written (another person may pick up this device)
      shouldDehydrateQuery: (query) => query.state.status === 'success' && keep(query.queryKey) && client.getQueryData(meKey) != null,
    },
  };
}

/** Forgets the stored answers the moment someone else (or nobody) is signed in, not in the next write. */
export function watchOwner(client: QueryClient, persister: Persister): () => void {
  return client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success' || event.query.queryKey[0] !== meKey[0]) return;
    const userId = (event.query.state.data as SessionUser | null | undefined)?.id ?? null;
    if (userId === cacheOwner()) return;
    setCacheOwner(userId);
    void Promise.resolve(persister.removeClient()).catch(() => {});
  });
}

// The last answers about the session, settings and units, kept on the device so the dashboard
// opens with them when there is no network (the service worker brings the app itself).
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { SessionUser } from '../../../shared/schemas/index.js';
import { fieldDb } from '../shared/outbox/db.js';

const KEPT = new Set(['me', 'settings', 'units']);
const MAX_ENTRIES = 300;
const MAX_AGE_MS = 14 * 24 * 3_600_000;

const keep = (key: QueryKey) => typeof key[0] === 'string' && KEPT.has(key[0]);

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

async function clearStored(): Promise<void> {
  try {
    await (await fieldDb()).clear('cache');
  } catch {
    // unavailable: nothing to clear
  }
}

/** Puts the stored answers into the cache, as old as they are: they refetch when online. */
export async function restoreQueries(client: QueryClient): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  try {
    const owner = cacheOwner();
    const db = await fieldDb();
    const rows = await db.getAll('cache');
    const me = rows.find((row) => row.key === JSON.stringify(['me']))?.data as SessionUser | null | undefined;
    if (!owner || (me && me.id !== owner)) {
      // left by someone who logged out (or by another user): another person may be at this device
      await db.clear('cache');
      return;
    }
    const cutoff = Date.now() - MAX_AGE_MS;
    for (const row of rows) {
      if (row.updatedAt < cutoff || client.getQueryData(row.queryKey) !== undefined) continue;
      client.setQueryData(row.queryKey, row.data, { updatedAt: row.updatedAt });
    }
  } catch {
    // a private window without IndexedDB: start empty
  }
}

/** Writes successful answers as they come (batched); forgets everything when nobody is signed in. */
export function persistQueries(client: QueryClient): () => void {
  if (typeof indexedDB === 'undefined') return () => {};
  const dirty = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const write = async () => {
    timer = null;
    const keys = [...dirty.values()];
    dirty.clear();
    try {
      const db = await fieldDb();
      if (client.getQueryData(['me']) === null) {
        await db.clear('cache'); // logged out: another person may pick up this device
        return;
      }
      const tx = db.transaction('cache', 'readwrite');
      for (const queryKey of keys) {
        const state = client.getQueryState(queryKey);
        if (!state || state.data === undefined) continue;
        await tx.store.put({ key: JSON.stringify(queryKey), queryKey: queryKey as unknown[], data: state.data, updatedAt: state.dataUpdatedAt });
      }
      const count = await tx.store.count();
      if (count > MAX_ENTRIES) {
        let cursor = await tx.store.index('updatedAt').openCursor();
        for (let extra = count - MAX_ENTRIES; cursor && extra > 0; extra--) {
          await cursor.delete();
          cursor = await cursor.continue();
        }
      }
      await tx.done;
    } catch {
      // storage full or unavailable: the app still works online
    }
  };

  return client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    if (event.query.queryKey[0] === 'me') {
      // logged out, the session ended (a 401) or someone else logged in: forget at once, not in the next write
      const userId = (event.query.state.data as SessionUser | null | undefined)?.id ?? null;
      if (userId !== cacheOwner()) {
        setCacheOwner(userId);
        void clearStored();
      }
    }
    if (!keep(event.query.queryKey)) return;
    dirty.set(event.query.queryHash, event.query.queryKey);
    timer ??= setTimeout(() => void write(), 400);
  });
}

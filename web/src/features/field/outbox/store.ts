// The outbox kept in IndexedDB: it survives a reload, a closed tab and a dead battery.
import { fieldDb } from './db.js';
import type { OutboxEntry, OutboxStore } from './types.js';

export function createIdbOutboxStore(): OutboxStore {
  return {
    async list() {
      const db = await fieldDb();
      return db.getAllFromIndex('outbox', 'seq');
    },
    async append(entry) {
      const db = await fieldDb();
      // one transaction: the next seq and the insert cannot interleave with another tab's
      const tx = db.transaction('outbox', 'readwrite');
      const existing = await tx.store.get(entry.clientEventId);
      if (existing) {
        await tx.done;
        return existing;
      }
      const last = await tx.store.index('seq').openCursor(null, 'prev');
      const stored: OutboxEntry = { ...entry, seq: (last?.value.seq ?? 0) + 1 };
      await tx.store.add(stored);
      await tx.done;
      return stored;
    },
    async put(entry) {
      const db = await fieldDb();
      await db.put('outbox', entry);
    },
    async remove(clientEventId) {
      const db = await fieldDb();
      await db.delete('outbox', clientEventId);
    },
  };
}

/** An outbox that lives in memory only (tests, and browsers without IndexedDB). */
export function createMemoryOutboxStore(initial: OutboxEntry[] = []): OutboxStore {
  const rows = new Map(initial.map((e) => [e.clientEventId, e]));
  return {
    list: async () => [...rows.values()].sort((a, b) => a.seq - b.seq).map((e) => ({ ...e })),
    async append(entry) {
      const existing = rows.get(entry.clientEventId);
      if (existing) return { ...existing };
      const seq = Math.max(0, ...[...rows.values()].map((e) => e.seq)) + 1;
      const stored = { ...entry, seq };
      rows.set(entry.clientEventId, stored);
      return { ...stored };
    },
    put: async (entry) => void rows.set(entry.clientEventId, { ...entry }),
    remove: async (id) => void rows.delete(id),
  };
}

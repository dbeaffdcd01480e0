// The dashboard's own IndexedDB: steps waiting to be sent (`outbox`) and the last answers
// the server gave (`cache`), so a technician can open the app and log steps without a network.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxEntry } from './types.js';

export interface CachedQuery {
  key: string;
  queryKey: unknown[];
  data: unknown;
  updatedAt: number;
}

interface FieldDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { seq: number } };
  cache: { key: string; value: CachedQuery; indexes: { updatedAt: number } };
}

export const DB_NAME = 'zw-field';
let opening: Promise<IDBPDatabase<FieldDb>> | null = null;

export function fieldDb(): Promise<IDBPDatabase<FieldDb>> {
  opening ??= openDB<FieldDb>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'clientEventId' }).createIndex('seq', 'seq', { unique: false });
      db.createObjectStore('cache', { keyPath: 'key' }).createIndex('updatedAt', 'updatedAt', { unique: false });
    },
    blocking() {
      // another tab holds a newer version: let it upgrade
      void opening?.then((db) => db.close());
      opening = null;
    },
  });
  return opening;
}

/** Forget the open connection (tests simulate a reload with it). */
export function closeFieldDb(): void {
  void opening?.then((db) => db.close());
  opening = null;
}

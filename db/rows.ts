import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './client.js';

/** Rows of a raw query, on either driver (postgres.js answers an array, PGlite `{rows}`). */
export async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

// Every list of the API answers one page and the count of what its filter selects: the two
// queries run side by side, here once rather than in each repository.
import { count, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.js';

export interface PageQuery {
  page: number;
  pageSize: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * One page of `select(limit, offset)` (the caller's query, in its order) and the number of rows
 * of `table` that `filter` selects, the rows mapped by `map`.
 */
export async function paginate<R, T>(
  db: DbOrTx,
  q: PageQuery,
  of: { table: PgTable; filter: SQL | undefined; select: (limit: number, offset: number) => PromiseLike<R[]> },
  map: (row: R) => T,
): Promise<Paged<T>> {
  const [rows, [total]] = await Promise.all([of.select(q.pageSize, (q.page - 1) * q.pageSize), db.select({ n: count() }).from(of.table).where(of.filter)]);
  return { items: rows.map(map), total: total.n, page: q.page, pageSize: q.pageSize };
}

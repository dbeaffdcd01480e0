// What every report query shares: the context it answers for (the rules in force and the day),
// the read-only transaction it runs in, and the small SQL helpers for instants and days.
import { PgTransaction } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../client.js';
import { rowsOf } from '../../rows.js';
import type { LaggardRules } from '../../../shared/domain/laggards.js';
import type { AreaRules } from '../../../shared/domain/deadlines.js';
import { FUTURE_TOLERANCE_MS } from '../../../shared/schemas/steps.js';

export interface ReportContext {
  /** the installation's settings: the rules of every unit outside the areas below */
  rules: LaggardRules;
  /**
   * Every county under an area that sets deadlines of its own, with its effective values
   * (resolved over its ancestors by shared/domain/deadlines.ts). Empty, as in an installation
   * without areas: the rules above are constants of the SQL.
   */
  areaRules: { code: string; rules: AreaRules }[];
  asOf: string;
  /** true: the stored progress answers (as of today or later); false: replay the steps */
  current: boolean;
  /**
   * whether the training flags can apply at all (a training exists, or some area sets backboneDue):
   * when not, the facts carry nulls for them and read no training table (docs/contract/training.md)
   */
  training?: boolean;
}

/**
 * Runs report queries in one read-only, repeatable-read transaction tuned for them: enough work_mem that the
 * per-unit aggregate of a past day stays in memory (100,000 groups), and no parallel workers,
 * whose start-up costs more than they save on scans of this size.
 */
export async function inReportTransaction<T>(db: DbOrTx, run: (tx: DbOrTx) => Promise<T>): Promise<T> {
  const inside = async (tx: DbOrTx) => {
    // jit off: a report is estimated costly enough to be compiled, and compiling took longer than
    // running it (national training numbers 1.66 s with JIT, 0.36 s without). Set here, not as a
    // connection parameter, which a pooler such as PgBouncer refuses
    await tx.execute(sql`select set_config('work_mem', '64MB', true), set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`);
    return run(tx);
  };
  // one snapshot for all of a report's statements: a kept report reads the counts of changes, then
  // computes what changed, then reads its page's units, and a unit moved in between would otherwise
  // be counted in both counties (inside a caller's transaction: that transaction's)
  return db instanceof PgTransaction ? db.transaction(inside) : db.transaction(inside, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

export const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** days since 1970-01-01 of an instant's calendar day in the zone */
export const dayIn = (instant: SQL | string, tz: string) =>
  sql`((${typeof instant === 'string' ? sql.raw(instant) : instant} at time zone ${tz}::text)::date - date '1970-01-01')`;
export const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** An instant written into the SQL text: for a query whose plan depends on the value. */
const literal = (d: Date) => sql.raw(`'${d.toISOString()}'::timestamptz`);

/**
 * Whether a live step happened at or after `end`. A step is dated at most FUTURE_TOLERANCE_MS
 * after it was recorded, so only the steps recorded since then are read (by their index). The
 * instants are literals, not parameters: as a prepared statement PostgreSQL switched to a generic
 * plan after five runs, which could not know that the range is tiny and read all 1,000,000 steps
 * of the bench (105 ms on every report of today).
 */
export async function anyStepAfter(db: DbOrTx, end: Date): Promise<boolean> {
  const since = new Date(end.getTime() - FUTURE_TOLERANCE_MS);
  const rows = await rowsOf(db, sql`select 1 from steps where recorded_at >= ${literal(since)} and occurred_at >= ${literal(end)} and not voided limit 1`);
  return rows.length > 0;
}

// Reports that are a function of the stored data and their question alone (a past day's roll-up
// groups, any day's training numbers), kept per database and served again while nothing they read
// has changed. What changes them bumps report_data_version (migration 0026, by triggers, so that
// every writer counts); the rules in force are part of the question (the key), not counted.
// The version is read before the report is computed: a change committed in between makes the kept
// answer newer than its version, never older, and the next read sees another version.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../client.js';
import { rowsOf } from '../../rows.js';
import { addDays, today } from '../../../shared/domain/dates.js';
import type { ReportContext } from './context.js';

/** answers kept per database (a few hundred rows each: groups or numbers per child) */
const LIMIT = 256;
const kept = new WeakMap<object, Map<string, { version: string; value: unknown }>>();

/** The count of changes a kept report depends on (text: a bigint). */
export async function reportDataVersion(db: DbOrTx): Promise<string> {
  const [row] = await rowsOf<{ n: string }>(db, sql`select n::text as n from report_data_version`);
  return row?.n ?? '';
}

/**
 * `compute()`'s answer to `question`, from what was kept for `root` (the database the server
 * holds: a transaction is no key) when nothing counted has changed since. Callers must not
 * change the value they get.
 */
export async function remembered<T>(root: object, tx: DbOrTx, question: unknown, compute: () => Promise<T>): Promise<T> {
  const version = await reportDataVersion(tx);
  const key = createHash('sha256').update(JSON.stringify(question)).digest('base64');
  let memo = kept.get(root);
  if (!memo) kept.set(root, (memo = new Map()));
  const hit = memo.get(key);
  if (hit && hit.version === version) {
    // most recently used last: the oldest is dropped first
    memo.delete(key);
    memo.set(key, hit);
    return hit.value as T;
  }
  const value = await compute();
  memo.set(key, { version, value });
  if (memo.size > LIMIT) memo.delete(memo.keys().next().value!);
  return value;
}

/**
 * Whether a report replaying the steps of `ctx` may be kept: its day ended a full day before
 * today began (by the server's own clock, whatever `now` a caller passes), so that only a step
 * dated more than 20 hours back can change it, which the trigger counts (a database clock up to
 * 4 hours apart from the server's still counts every such step).
 */
export const pastEnoughToKeep = (ctx: ReportContext) => !ctx.current && ctx.asOf <= addDays(today(ctx.rules.timezone), -2);

/** The part of a context a report depends on: the rules in force and the day. */
export const questionOf = (ctx: ReportContext) => ({ asOf: ctx.asOf, current: ctx.current, training: ctx.training ?? false, rules: ctx.rules, areaRules: ctx.areaRules });

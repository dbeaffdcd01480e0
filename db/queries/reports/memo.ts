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
  const key = questionKey(question);
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

/**
 * per database: per kind of report (today's roll-up groups, the board), the one question kept (the
 * rules and the day: a new day or new rules replace the old, which no one asks again) and each
 * county's count and rows
 */
const keptByCounty = new WeakMap<object, Map<string, { question: string; counties: Map<string, { version: string; rows: unknown[] }> }>>();

/** a county's kept rows and the count (area_versions) they were computed at */
export interface KeptCounty<R> {
  code: string;
  version: string;
  rows: readonly R[];
}

/**
 * Rows computed per county (today's roll-up groups, the board's laggards), kept per database and
 * question while the county's count in area_versions (migration 0028) is unchanged: only the
 * counties whose units changed since are computed again, by `compute(counties)`, or every county of
 * `area` when most did (a new day, new rules). The counts are read before computing, as above. ''
 * is the units without a county. Each county of `area` once, in the counts' order.
 */
export async function keptCounties<R extends { county: string }>(
  root: object,
  tx: DbOrTx,
  kind: string,
  question: unknown,
  area: string | null,
  compute: (counties: readonly string[] | 'all') => Promise<R[]>,
): Promise<KeptCounty<R>[]> {
  const versions = await rowsOf<{ code: string; n: string }>(
    tx,
    // a county's count is the sum of its shards' (migration 0028): it grows with every change
    sql`select code, sum(n)::text as n from area_versions${area ? sql` where code like ${`${area}%`}` : sql``} group by code`,
  );
  const key = questionKey(question);
  let byKind = keptByCounty.get(root);
  if (!byKind) keptByCounty.set(root, (byKind = new Map()));
  let entry = byKind.get(kind);
  if (entry?.question !== key) byKind.set(kind, (entry = { question: key, counties: new Map() }));
  const kept = entry.counties;
  const stale = versions.filter((v) => kept.get(v.code)?.version !== v.n).map((v) => v.code);
  if (stale.length > 0) {
    const rows = await compute(stale.length * 2 > versions.length ? 'all' : stale);
    const fresh = new Map<string, R[]>(stale.map((c) => [c, []]));
    for (const r of rows) fresh.get(r.county)?.push(r);
    for (const v of versions) if (fresh.has(v.code)) kept.set(v.code, { version: v.n, rows: fresh.get(v.code)! });
  }
  return versions.map((v) => ({ code: v.code, version: v.n, rows: (kept.get(v.code)?.rows ?? []) as R[] }));
}

/** a question as a short key (the rules in force are most of it) */
export const questionKey = (question: unknown) => createHash('sha256').update(JSON.stringify(question)).digest('base64');

// The roll-up's counts: the summary's groups, per child of the area.
import { sql } from 'drizzle-orm';
import { STAGE_STATUSES } from '../../../shared/domain/steps.js';
import { UNIT_KINDS } from '../../../shared/domain/catalogue.js';
import type { DbOrTx } from '../../client.js';
import { rowsOf } from '../../rows.js';
import type { ReportContext } from './context.js';
import { groups, type SummaryGroup } from './summary.js';
import { trainingNumbersBy } from './training-numbers.js';
import { keptCounties, pastEnoughToKeep, questionKey, questionOf, remembered, type KeptCounty } from './memo.js';

/**
 * The roll-up's groups: one pass over the area's units, grouped by the child each lies in: a
 * province's city (left(area_code, 4)), a city's county, a county's kinds; at the top the
 * provinces (null: the units without a county).
 */
export async function rollupGroups(db: DbOrTx, ctx: ReportContext, area: string | null, by: RollupBy, root?: object): Promise<(SummaryGroup & { child: string | null })[]> {
  const run = () => rowsOf<SummaryGroup & { child: string | null }>(db, groups(ctx, { area }, childOf(by, 'f')));
  if (!root) return run();
  // a past day's groups (the week before of every roll-up) are kept whole: memo.ts
  if (pastEnoughToKeep(ctx)) return remembered(root, db, ['rollupGroups', questionOf(ctx), area, by], run);
  if (!ctx.current) return run();
  // today's are kept per county, and only the counties whose units changed are grouped again
  const question = questionKey(questionOf(ctx));
  const counties = await keptCounties(root, db, 'countyGroups', question, area, async (which) =>
    (await rowsOf<SummaryGroup & { child: string }>(db, groups(ctx, which === 'all' ? { area } : { counties: which }, sql`coalesce(f.area_code, '')`))).map(keptGroup),
  );
  if (by === 'kind') return mergeByChild(counties.flatMap((c) => c.rows), by);
  return mergedByChild(root, question, by, counties);
}

/** per database: per level, each child's merged groups for the one question kept (as keptCounties keeps one) and the counties' counts they were merged at */
const keptMerges = new WeakMap<object, Map<RollupBy, { question: string; children: Map<string | null, { counts: string; groups: (SummaryGroup & { child: string | null })[] }> }>>();

/**
 * Each child's groups added up from its counties', merged again only for the children one of
 * whose counties changed: the provinces' roll-up merges 300,000 kept groups at 1,000,000 units
 * (about 300 ms) when it merges all.
 */
function mergedByChild(root: object, question: string, by: Exclude<RollupBy, 'kind'>, counties: readonly KeptCounty<SummaryGroup & { county: string }>[]) {
  const byChild = new Map<string | null, KeptCounty<SummaryGroup & { county: string }>[]>();
  for (const c of counties) {
    const child = childOfCounty(by, c.code, '');
    let list = byChild.get(child);
    if (!list) byChild.set(child, (list = []));
    list.push(c);
  }
  let levels = keptMerges.get(root);
  if (!levels) keptMerges.set(root, (levels = new Map()));
  let entry = levels.get(by);
  if (entry?.question !== question) levels.set(by, (entry = { question, children: new Map() }));
  const kept = entry.children;
  const all: (SummaryGroup & { child: string | null })[] = [];
  for (const [child, list] of byChild) {
    const counts = list.map((c) => `${c.code}:${c.version}`).join(',');
    let hit = kept.get(child);
    if (hit?.counts !== counts) {
      const rows: (SummaryGroup & { county: string })[] = [];
      for (const c of list) for (const r of c.rows) rows.push(r);
      kept.set(child, (hit = { counts, groups: mergeByChild(rows, by) }));
    }
    for (const g of hit.groups) all.push(g);
  }
  return all;
}

const STATUS_INDEX: Record<string, number> = Object.fromEntries(STAGE_STATUSES.map((v, i) => [v, i]));
const KIND_INDEX: Record<string, number> = Object.fromEntries(UNIT_KINDS.map((v, i) => [v, i]));

/**
 * The same groups of every county in one child added together (a province holds hundreds of
 * counties' few dozen groups each: 68,952 groups for the country), keyed by a number, not a
 * string: the statuses and kind are small enums, the mask below 2^10.
 */
function mergeByChild(counties: readonly (SummaryGroup & { county: string })[], by: RollupBy): (SummaryGroup & { child: string | null })[] {
  const byChild = new Map<string | null, Map<number, SummaryGroup & { child: string | null }>>();
  for (const g of counties) {
    const child = childOfCounty(by, g.county, g.kind);
    let groupsOf = byChild.get(child);
    if (!groupsOf) byChild.set(child, (groupsOf = new Map()));
    const key = ((((STATUS_INDEX[g.w]! * 4 + STATUS_INDEX[g.c]!) * 4 + STATUS_INDEX[g.r]!) * 4 + KIND_INDEX[g.kind]!) << 10) | g.mask;
    const m = groupsOf.get(key);
    if (!m) {
      groupsOf.set(key, { w: g.w, c: g.c, r: g.r, kind: g.kind, mask: g.mask, n: g.n, review_overdue: g.review_overdue, oldest_review_day: g.oldest_review_day, child });
    } else {
      m.n += g.n;
      m.review_overdue += g.review_overdue;
      if (g.oldest_review_day !== null && (m.oldest_review_day === null || g.oldest_review_day < m.oldest_review_day)) m.oldest_review_day = g.oldest_review_day;
    }
  }
  return [...byChild.values()].flatMap((m) => [...m.values()]);
}

/** a county's group as kept: a plain object of one shape (the driver's rows were slow to read again and again: 44 ms a pass over 68,952) */
const keptGroup = (r: SummaryGroup & { child: string }) => ({
  w: r.w,
  c: r.c,
  r: r.r,
  kind: r.kind,
  mask: r.mask,
  n: r.n,
  review_overdue: r.review_overdue,
  oldest_review_day: r.oldest_review_day,
  county: r.child,
});

/** The child a county's group lies in (as childOf says in SQL): '' is no county's (null). */
function childOfCounty(by: RollupBy, county: string, kind: string): string | null {
  if (by === 'kind') return kind;
  if (county === '') return null;
  return by === 'county' ? county : county.slice(0, by === 'city' ? 4 : 2);
}

export type RollupBy = 'province' | 'city' | 'county' | 'kind';

/** The child a unit (alias `u` or `f`) lies in, for a roll-up by `by`. */
const childOf = (by: RollupBy, alias: 'f' | 'u') =>
  by === 'kind' ? sql.raw(`${alias}.kind`) : by === 'county' ? sql.raw(`${alias}.area_code`) : sql.raw(`left(${alias}.area_code, ${by === 'city' ? 4 : 2})`);

/**
 * The training numbers (GET /api/reports/training's counts) per child of the roll-up; they read no
 * step, so any day's are kept (memo.ts) while no unit or training record changes.
 */
export const rollupTraining = (db: DbOrTx, ctx: ReportContext, area: string | null, by: RollupBy, root?: object) => {
  const run = () => trainingNumbersBy(db, ctx, area, childOf(by, 'u'));
  return root ? remembered(root, db, ['rollupTraining', questionOf(ctx), area, by], run) : run();
};

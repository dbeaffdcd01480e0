// The summary's counts: the units grouped by their statuses, kind and flags, which the service adds up.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../client.js';
import { rowsOf } from '../../rows.js';
import type { StageStatus } from '../../../shared/domain/steps.js';
import type { ReportContext } from './context.js';
import { facts, type UnitFilter } from './facts.js';
import { CATEGORY_BIT, CATEGORY_COLUMN, flagRules, forArea } from './flags.js';
import { reviewOverdueSql, submittedDaySql } from './review.js';

export interface SummaryGroup {
  w: StageStatus;
  c: StageStatus;
  r: StageStatus;
  kind: string;
  /** which flags apply, one bit per category (CATEGORY_BIT); 0: not a laggard */
  mask: number;
  n: number;
  /** "The record": of these, registrations awaiting review longer than reviewDays, and the earliest submission's day (days since 1970) */
  review_overdue: number;
  oldest_review_day: number | null;
}

/**
 * The units grouped by their three statuses, kind and which flags apply: a few hundred groups
 * that the service adds up. One hash aggregate instead of two dozen filtered counts per unit,
 * and no daysLate: a unit lags when any flag applies (every daysLate is ≥ 0, so its score > 0).
 */
export async function summaryGroups(db: DbOrTx, ctx: ReportContext, scope: UnitFilter = {}): Promise<SummaryGroup[]> {
  return rowsOf<SummaryGroup>(db, groups(ctx, scope));
}

/** The summary's groups, per child of a roll-up besides (`child`: an expression over the facts, `f`). */
export function groups(whole: ReportContext, scope: UnitFilter, child?: SQL): SQL {
  const ctx = forArea(whole, scope.area);
  return sql`select w, c, r, kind, ${maskOf(ctx)} as mask${child ? sql`, ${child} as child` : sql``}, count(*)::int as n,
        (count(*) filter (where ${reviewOverdueSql(ctx)}))::int as review_overdue, min(${submittedDaySql(ctx)}) as oldest_review_day
      from (${facts(ctx, scope)}) f
      group by 1, 2, 3, 4, 5${child ? sql`, 6` : sql``}`;
}

/** Which flags apply to a row of the facts, one bit per category (0: not a laggard). */
function maskOf(ctx: ReportContext): SQL {
  const rules = flagRules(ctx);
  const bits = Object.entries(CATEGORY_COLUMN).map(
    ([cat, column]) => sql`(case when ${rules[column].applies} then ${sql.raw(String(CATEGORY_BIT[cat as keyof typeof CATEGORY_BIT]))} else 0 end)`,
  );
  return sql.join(bits, sql` | `);
}

export interface ChangeCounts {
  newly_onboarded: number;
  new_laggards: number;
  resolved: number;
}

/**
 * The units that changed between two days (the leaders' "what changed"): onboarded by `now` and
 * not by `before`, laggards at `now` that were not at `before`, and the reverse. One row per
 * unit on each side, joined by id: a count of differences, not a difference of counts.
 */
export async function changeCounts(db: DbOrTx, now: ReportContext, before: ReportContext, scope: UnitFilter = {}): Promise<ChangeCounts> {
  const side = (whole: ReportContext) => {
    const ctx = forArea(whole, scope.area);
    return sql`select id, r, ${maskOf(ctx)} as mask from (${facts(ctx, scope)}) f`;
  };
  const [row] = await rowsOf<ChangeCounts>(
    db,
    // each side computed once, then joined: as subqueries the planner may rescan one side's facts
    // per row of the other (a city of 300 units took 60 s on PGlite, stalling the embedded server)
    // a unit added after the earlier day is in no report of that day (late joiners): it is taken as
    // neither onboarded nor lagging then, so one added within the week that lags is a new laggard
    sql`with a as materialized (${side(now)}), b as materialized (${side(before)})
      select (count(*) filter (where a.r = 'done' and coalesce(b.r, '') <> 'done'))::int as newly_onboarded,
        (count(*) filter (where a.mask <> 0 and coalesce(b.mask, 0) = 0))::int as new_laggards,
        (count(*) filter (where a.mask = 0 and b.mask <> 0))::int as resolved
      from a left join b on b.id = a.id`,
  );
  return row ?? { newly_onboarded: 0, new_laggards: 0, resolved: 0 };
}

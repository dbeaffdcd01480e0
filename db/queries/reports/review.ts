// The office's review queue (docs/contract/domain.md "The record": waiting for the office is not
// the unit's delay): registrations awaiting review, how long each has waited, and which have
// waited longer than the area's reviewDays. Registration's only in_progress state is that wait.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../client.js';
import { rowsOf } from '../../rows.js';
import { addDays, dayNumber, startOfDay } from '../../../shared/domain/dates.js';
import { inScopeSql } from '../reach.js';
import { at, dayIn, type ReportContext } from './context.js';
import { perUnit, RULE_COLUMN } from './facts.js';

/**
 * Over the facts (facts.ts, `submitted_at` and per unit `review_days` when some county holds
 * its own): the unit's registration has waited longer than reviewDays, i.e. it was submitted
 * before the start of (asOf − reviewDays).
 */
export function reviewOverdueSql(ctx: ReportContext): SQL {
  const tz = ctx.rules.timezone;
  const bound = (n: number) => at(startOfDay(addDays(ctx.asOf, -n), tz));
  if (!perUnit(ctx).has('reviewDays')) return sql`(r = 'in_progress' and submitted_at < ${bound(ctx.rules.reviewDays)})`;
  const values = [...new Set([ctx.rules.reviewDays, ...ctx.areaRules.map((a) => a.rules.reviewDays)])];
  const column = sql.raw(RULE_COLUMN.reviewDays.name);
  return sql`(r = 'in_progress' and submitted_at < (case ${column} ${sql.join(values.map((n) => sql`when ${sql.raw(String(n))} then ${bound(n)}`), sql` `)} end))`;
}

/** The calendar day (days since 1970) a waiting registration was submitted: the summary's oldest. */
export const submittedDaySql = (ctx: ReportContext) => dayIn('submitted_at', ctx.rules.timezone);

export interface ReviewRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  area_code: string | null;
  submitted_ms: number;
  platform_ref: string | null;
  waiting_days: number;
}

/**
 * Today's queue in the area (null: every unit), oldest first: each unit awaiting review with its
 * live submission (the latest registration.submitted: a rejection clears the wait, a new
 * submission starts it again).
 */
export async function reviewQueue(db: DbOrTx, ctx: ReportContext, area: string | null): Promise<ReviewRow[]> {
  const asOf = sql`${dayNumber(ctx.asOf)}::int`;
  return rowsOf<ReviewRow>(
    db,
    sql`select u.id, u.code, u.name, u.kind, u.area_code,
        (extract(epoch from s.occurred_at) * 1000)::float8 as submitted_ms,
        s.data->>'platformRef' as platform_ref,
        ${asOf} - ${dayIn('s.occurred_at', ctx.rules.timezone)} as waiting_days
      from units u
      join lateral (
        select occurred_at, data from steps
        where unit_id = u.id and type = 'registration.submitted' and not voided
        order by seq desc limit 1
      ) s on true
      where u.registration_status = 'in_progress' and ${inScopeSql(area)}
      order by s.occurred_at, u.code`,
  );
}

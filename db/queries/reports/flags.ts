// The laggard flags over the facts (facts.ts): the rules of shared/domain/laggards.ts in SQL, held
// to them by tests/api/reports.property.test.ts; and the severity score that ranks the board.
import { sql, type SQL } from 'drizzle-orm';
import { addDays, dayNumber, startOfDay } from '../../../shared/domain/dates.js';
import { SEVERITY_RULE } from '../../../shared/domain/laggards.js';
import { at, dayIn, type ReportContext } from './context.js';
import { facts, perUnit, RULE_COLUMN, type UnitFilter } from './facts.js';

/** Each laggard category and the column that holds its daysLate. */
export const CATEGORY_COLUMN = {
  refused_wiring: 'd_refused',
  repeated_postponement: 'd_postponed',
  unregistered_after_connection: 'd_unregistered',
  overdue_connection: 'd_overdue_connection',
  overdue_wiring: 'd_overdue_wiring',
  stalled: 'd_stalled',
  // training (training-flags.ts): computed per unit there, joined into the facts as t_* columns
  report_back_overdue: 'd_report_back_overdue',
  training_absent: 'd_training_absent',
  no_backbone: 'd_no_backbone',
} as const;

/**
 * The flags of docs/contract/domain.md over the facts, each as "does it apply" (instants compared with day
 * boundaries: no time-zone conversion for rows it does not apply to) and "how many days late".
 * The summary counts only the first; the lists need both.
 */
export function flagRules(ctx: ReportContext) {
  const r = ctx.rules;
  const tz = r.timezone;
  const asOf = sql`${dayNumber(ctx.asOf)}::int`;
  // the first instant of a day relative to asOf
  const from = (offset: number) => at(startOfDay(addDays(ctx.asOf, offset), tz));
  // a value some county holds differently is read per unit: the few values in force, each with its day's bound
  const varying = perUnit(ctx);
  const values = (f: 'registrationGraceDays' | 'stallDays') => [...new Set([r[f], ...ctx.areaRules.map((a) => a.rules[f])])];
  const boundOf = (f: 'registrationGraceDays' | 'stallDays', offset: (n: number) => number) =>
    varying.has(f)
      ? sql`(case ${sql.raw(RULE_COLUMN[f].name)} ${sql.join(values(f).map((n) => sql`when ${sql.raw(String(n))} then ${from(offset(n))}`), sql` `)} end)`
      : from(offset(r[f]));
  const grace = varying.has('registrationGraceDays') ? sql.raw('grace_days') : sql`${r.registrationGraceDays}::int`;
  const limit = varying.has('postponementLimit') ? sql.raw('postponement_limit') : sql`${r.postponementLimit}::int`;
  return {
    d_refused: { applies: sql`r <> 'done' and refused_at is not null`, days: sql`${asOf} - ${dayIn('refused_at', tz)}` },
    d_postponed: {
      applies: sql`r <> 'done' and postponements >= ${limit} and first_postponed_at is not null`,
      days: sql`${asOf} - ${dayIn('first_postponed_at', tz)}`,
    },
    // late once the grace has passed: connected before the start of (asOf − grace)
    d_unregistered: {
      applies: sql`r <> 'done' and r <> 'in_progress' and c = 'done' and connection_at < ${boundOf('registrationGraceDays', (n) => -n)}`,
      days: sql`${asOf} - (${dayIn('connection_at', tz)} + ${grace})`,
    },
    d_overdue_connection: { applies: sql`r <> 'done' and c <> 'done' and ${asOf} > connection_due_day`, days: sql`${asOf} - connection_due_day` },
    d_overdue_wiring: { applies: sql`r <> 'done' and w <> 'done' and ${asOf} > wiring_due_day`, days: sql`${asOf} - wiring_due_day` },
    // no step since before the start of (asOf − stallDays + 1). Registration's only in_progress
    // state is awaiting the office's review, never the unit's stall ("The record"): r is left out
    d_stalled: {
      applies: sql`r <> 'done' and 'in_progress' in (w, c) and last_event_at < ${boundOf('stallDays', (n) => -n + 1)}`,
      days: sql`${asOf} - ${dayIn('last_event_at', tz)}`,
    },
    // training: an onboarded unit lags too (no r <> 'done')
    d_report_back_overdue: { applies: sql`t_report_back_overdue is not null`, days: sql`t_report_back_overdue` },
    d_training_absent: { applies: sql`t_training_absent is not null`, days: sql`t_training_absent` },
    d_no_backbone: { applies: sql`t_no_backbone is not null`, days: sql`t_no_backbone` },
  } satisfies Record<(typeof CATEGORY_COLUMN)[keyof typeof CATEGORY_COLUMN], { applies: SQL; days: SQL }>;
}

/** The context for one area's units: only its counties' rules (a county's board reads one row, or none). */
export function forArea(ctx: ReportContext, area: string | null | undefined): ReportContext {
  return area ? { ...ctx, areaRules: ctx.areaRules.filter((a) => a.code.startsWith(area)) } : ctx;
}

/** Facts → daysLate per flag (null: the flag does not apply), then the severity score (× 7). */
export function flagged(whole: ReportContext, filter: UnitFilter): SQL {
  const ctx = forArea(whole, filter.area);
  const w = SEVERITY_RULE.weights;
  const n = SEVERITY_RULE.daysPerWeight;
  const term = (weight: number, days: string, times = '1') => sql.raw(`${weight} * ${times} * coalesce(${n} + ${days}, 0)`);
  const flags = Object.entries(flagRules(ctx)).map(([column, f]) => sql`case when ${f.applies} then ${f.days} end as ${sql.raw(column)}`);
  return sql`
    select d.*,
      ${term(w.refused_wiring, 'd_refused')} + ${term(w.repeated_postponement, 'd_postponed')}
        + ${term(w.unregistered_after_connection, 'd_unregistered')} + ${term(w.overdue_connection, 'd_overdue_connection')}
        + ${term(w.overdue_wiring, 'd_overdue_wiring')} + ${term(w.stalled, 'd_stalled', 'n_stalled')}
        + ${term(w.report_back_overdue, 'd_report_back_overdue')} + ${term(w.training_absent, 'd_training_absent')} + ${term(w.no_backbone, 'd_no_backbone')} as score,
      coalesce(greatest(d_refused, d_postponed, d_unregistered, d_overdue_connection, d_overdue_wiring, d_stalled, d_report_back_overdue, d_training_absent, d_no_backbone), 0) as max_days
    from (
      select f.id, f.code, f.name, f.kind, f.parent_code, f.area_code, f.contact_name, f.contact_phone, f.assignee_id, f.w, f.c, f.r, f.last_event_at,
        ${sql.join(flags, sql`, `)},
        -- stalled stages; registration in_progress (awaiting review) is not the unit's stall
        ((w = 'in_progress')::int + (c = 'in_progress')::int) as n_stalled
      from (${facts(ctx, filter)}) f
      -- offset 0 keeps this a subquery: flattened, each daysLate would be computed again for score and max_days
      offset 0
    ) d`;
}

/** One flag's bit in the summary's mask, in CATEGORY_COLUMN order. */
export const CATEGORY_BIT = Object.fromEntries(Object.keys(CATEGORY_COLUMN).map((cat, i) => [cat, 1 << i])) as Record<keyof typeof CATEGORY_COLUMN, number>;

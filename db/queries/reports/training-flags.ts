// The training laggard flags (shared/domain/training-flags.ts) in SQL, per unit, held to the pure
// rules by tests/api/training.flags.property.test.ts. Each flag's daysLate, null where it does not
// apply; every unit of the filter gets a row. An onboarded unit is read like any other: the network
// being done does not excuse the people.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../client.js';
import { rowsOf } from '../../rows.js';
import { DEFAULT_REPORT_BACK_DAYS } from '../../../shared/schemas/settings.js';
import { endOfDay, dayNumber } from '../../../shared/domain/dates.js';
import { AREA_CODE } from '../../../shared/domain/areas.js';
import { RECORD_DEFAULTS } from '../../../shared/domain/deadlines.js';
import { inScopeSql } from '../reach.js';
import { at, dayIn, type ReportContext } from './context.js';

export const TRAINING_COLUMN = {
  report_back_overdue: 'd_report_back_overdue',
  training_absent: 'd_training_absent',
  no_backbone: 'd_no_backbone',
} as const;

const dateLit = (d: string | null | undefined) => (d ? (/^\d{4}-\d{2}-\d{2}$/.test(d) ? `date '${d}'` : bad(d)) : 'null::date');
const intLit = (n: number) => (Number.isInteger(n) ? String(n) : bad(n));
const bad = (v: unknown): never => {
  throw new Error(`not a rule value: ${JSON.stringify(v)}`);
};

/** Each county's backboneDue and reportBackDays where an area sets its own, else the installation's: `tr.backbone_due`, `tr.report_back_days`. */
function trainingRules(ctx: ReportContext): { join: SQL; backboneDue: SQL; days: SQL; lateDays: SQL } {
  const due = dateLit(ctx.rules.backboneDue);
  const days = intLit(ctx.rules.reportBackDays ?? DEFAULT_REPORT_BACK_DAYS);
  const late = intLit(ctx.rules.lateJoinWiringDays ?? RECORD_DEFAULTS.lateJoinWiringDays);
  if (ctx.areaRules.length === 0) return { join: sql``, backboneDue: sql.raw(due), days: sql.raw(days), lateDays: sql.raw(late) };
  const rows = ctx.areaRules.map(({ code, rules }) => {
    if (!AREA_CODE.test(code)) bad(code);
    return `('${code}', ${dateLit(rules.backboneDue)}, ${intLit(rules.reportBackDays ?? DEFAULT_REPORT_BACK_DAYS)}, ${intLit(rules.lateJoinWiringDays ?? RECORD_DEFAULTS.lateJoinWiringDays)})`;
  });
  return {
    join: sql.raw(` left join (values ${rows.join(', ')}) as tr(code, backbone_due, report_back_days, late_days) on tr.code = u.area_code`),
    // a listed county holds its effective value (null backboneDue: not checked there)
    backboneDue: sql.raw(`case when tr.code is null then ${due} else tr.backbone_due end`),
    days: sql.raw(`coalesce(tr.report_back_days, ${days})`),
    lateDays: sql.raw(`coalesce(tr.late_days, ${late})`),
  };
}

/**
 * Each unit's backbone due day and reportBackDays, as `due.backbone_due` and `due.report_back_days`
 * for the flag columns (which need `u` and the counties' rules `tr` in scope): a unit added after
 * the area's date has lateJoinWiringDays from the day it was added (deadlines.ts backboneDueOf).
 */
const dueOfUnit = (ctx: ReportContext, r: ReturnType<typeof trainingRules>): SQL => sql`
    from (select ${r.backboneDue} as area_due, (u.created_at at time zone ${ctx.rules.timezone}::text)::date as added_on) d
    cross join lateral (select case when d.area_due is not null and d.added_on > d.area_due then d.added_on + ${r.lateDays} else d.area_due end as backbone_due,
      ${r.days} as report_back_days) due`;

/** no_backbone's daysLate given whether the unit has a current primary (SQL boolean) */
const noBackboneDays = (asOf: SQL, hasPrimary: SQL): SQL => sql`case when due.backbone_due is not null and ${asOf} > (due.backbone_due - date '1970-01-01') and not (${hasPrimary})
        then ${asOf} - (due.backbone_due - date '1970-01-01') end`;

/** report_back_overdue's daysLate from the earliest last day (a day number) of a training without an accepted report-back */
const reportBackDays = (asOf: SQL, firstDay: SQL): SQL => sql`case when ${asOf} > ${firstDay} + due.report_back_days then ${asOf} - (${firstDay} + due.report_back_days) end`;

/**
 * The three daysLate columns of the unit `u` of the enclosing query (which must have `u`, a
 * units row, and `tr`, the counties' rules of trainingRules, in scope): a lateral subquery, so
 * each unit's flags are computed once for that unit. As a join of a per-unit subquery over all
 * units, the planner without statistics (PGlite has none until ANALYZE) chose a nested loop that
 * recomputed every unit's flags for every unit: a city of 146 units took 2.3 s per summary and
 * held the embedded database meanwhile.
 */
function trainingFlagColumns(ctx: ReportContext, r: ReturnType<typeof trainingRules>): SQL {
  const tz = ctx.rules.timezone;
  const asOf = sql`${dayNumber(ctx.asOf)}::int`;
  const end = at(endOfDay(ctx.asOf, tz));
  const lastDay = (t: string) => dayIn(`${t}.ends_at`, tz);
  return sql`
    select
      ${noBackboneDays(asOf, sql`exists (select 1 from backbones b where b.unit_id = u.id and b.kind = 'primary' and b.ended_at is null)`)} as d_no_backbone,
      (select max(${asOf} - ${lastDay('t')}) from training_attendance a join trainings t on t.id = a.training_id
        where a.unit_id = u.id and a.status = 'absent' and t.closed_at < ${end} and ${asOf} > ${lastDay('t')}
          and not exists (select 1 from training_attendance a2 join trainings t2 on t2.id = a2.training_id
            where a2.unit_id = u.id and a2.status = 'attended' and ${lastDay('t2')} > ${lastDay('t')} and t2.topics && t.topics)
      ) as d_training_absent,
      (select max(${asOf} - (${lastDay('t')} + due.report_back_days)) from training_attendance a join trainings t on t.id = a.training_id
        left join report_backs rb on rb.training_id = a.training_id and rb.unit_id = a.unit_id
        where a.unit_id = u.id and a.status = 'attended' and rb.status is distinct from 'accepted' and ${asOf} > ${lastDay('t')} + due.report_back_days
      ) as d_report_back_overdue,
      due.report_back_days${dueOfUnit(ctx, r)}`;
}

/**
 * The training flags joined to a query over `units u` (the facts): `tf.d_*`, one row per unit.
 * The counties' rules are joined here, once, not inside the lateral: there the list was scanned
 * anew for every unit (212 counties × 100,000 units made the provinces' roll-up take seconds).
 */
export const trainingFlagsLateral = (ctx: ReportContext): SQL => {
  const r = trainingRules(ctx);
  return sql`${r.join} left join lateral (${trainingFlagColumns(ctx, r)}) tf on true`;
};

/**
 * The same columns for a province's or the whole installation's units, from three aggregates over
 * the training tables hash-joined by unit: the lateral above probes each table per unit (about
 * 15 µs a unit, 1.5 s of the national roll-up), these read each table once. Only the arithmetic
 * of each unit's own due day stays per unit. A county's or a city's units keep the lateral, which
 * reads their rows alone by index (an aggregate would read the whole country's rows).
 * Each flag's daysLate is the lateral's maximum over the unit's trainings: for the report-back,
 * max(asOf − (lastDay + days)) = asOf − (min(lastDay) + days), days being the unit's own.
 */
export function trainingFlagsBySets(ctx: ReportContext, area: string | null | undefined): SQL {
  const r = trainingRules(ctx);
  const tz = ctx.rules.timezone;
  const asOf = sql`${dayNumber(ctx.asOf)}::int`;
  const end = at(endOfDay(ctx.asOf, tz));
  const lastDay = (t: string) => dayIn(`${t}.ends_at`, tz);
  const ofArea = (column: string) => (area ? sql` and ${sql.raw(column)} in (select s.id from units s where ${inScopeSql(area, sql`s.area_code`)})` : sql``);
  return sql`${r.join}
    left join (select distinct b.unit_id from backbones b where b.kind = 'primary' and b.ended_at is null${ofArea('b.unit_id')}) bb on bb.unit_id = u.id
    left join (
      select a.unit_id, max(${asOf} - ${lastDay('t')}) as d
      from training_attendance a join trainings t on t.id = a.training_id
      where a.status = 'absent' and t.closed_at < ${end} and ${asOf} > ${lastDay('t')}${ofArea('a.unit_id')}
        and not exists (select 1 from training_attendance a2 join trainings t2 on t2.id = a2.training_id
          where a2.unit_id = a.unit_id and a2.status = 'attended' and ${lastDay('t2')} > ${lastDay('t')} and t2.topics && t.topics)
      group by a.unit_id
    ) ab on ab.unit_id = u.id
    left join (
      select a.unit_id, min(${lastDay('t')}) as first_day
      from training_attendance a join trainings t on t.id = a.training_id
        left join report_backs rb on rb.training_id = a.training_id and rb.unit_id = a.unit_id
      where a.status = 'attended' and rb.status is distinct from 'accepted'${ofArea('a.unit_id')}
      group by a.unit_id
    ) ov on ov.unit_id = u.id
    left join lateral (
      select ${noBackboneDays(asOf, sql`bb.unit_id is not null`)} as d_no_backbone,
        ab.d as d_training_absent,
        ${reportBackDays(asOf, sql`ov.first_day`)} as d_report_back_overdue,
        due.report_back_days${dueOfUnit(ctx, r)}
    ) tf on true`;
}

/**
 * Today's (and any later day's) flags from each unit's stored training facts (migration 0027,
 * kept by triggers): no training table is read. A stored fact is the earliest end among the
 * trainings that count now; the per-day rule's maximum over them is asOf minus that day. Every
 * closed training was closed by now, so "closed by the end of asOf" holds for each of them.
 */
export function trainingFlagsStored(ctx: ReportContext): SQL {
  const r = trainingRules(ctx);
  const tz = ctx.rules.timezone;
  const asOf = sql`${dayNumber(ctx.asOf)}::int`;
  return sql`${r.join}
    left join lateral (
      select ${noBackboneDays(asOf, sql`u.training_primary`)} as d_no_backbone,
        case when ${asOf} > ${dayIn('u.training_absent_from', tz)} then ${asOf} - ${dayIn('u.training_absent_from', tz)} end as d_training_absent,
        ${reportBackDays(asOf, dayIn('u.training_report_from', tz))} as d_report_back_overdue,
        due.report_back_days${dueOfUnit(ctx, r)}
    ) tf on true`;
}

/**
 * The training flags of the units of `filter`, joined to a query over `units u`: as of today from
 * the units' stored facts; as of a past day by sets for the whole installation or a province,
 * per unit (the lateral) for anything narrower.
 */
export const trainingFlagsJoin = (ctx: ReportContext, filter: { area?: string | null; unitId?: string }): SQL =>
  ctx.current ? trainingFlagsStored(ctx) : !filter.unitId && (!filter.area || filter.area.length <= 2) ? trainingFlagsBySets(ctx, filter.area) : trainingFlagsLateral(ctx);

/** One row per unit of the filter: id and the three daysLate columns. */
export function trainingFlagsSql(ctx: ReportContext, filter: { area?: string | null; unitId?: string }): SQL {
  const where = [filter.area ? inScopeSql(filter.area) : sql`true`, filter.unitId ? sql`u.id = ${filter.unitId}::uuid` : sql`true`];
  return sql`select u.id, tf.d_no_backbone, tf.d_training_absent, tf.d_report_back_overdue, tf.report_back_days from units u${trainingFlagsJoin(ctx, filter)} where ${sql.join(where, sql` and `)}`;
}

export interface TrainingFlagRow {
  id: string;
  d_no_backbone: number | null;
  d_training_absent: number | null;
  d_report_back_overdue: number | null;
}

/** The units of the filter that carry any training flag. */
export async function trainingFlagRows(db: DbOrTx, ctx: ReportContext, filter: { area?: string | null; unitId?: string }): Promise<TrainingFlagRow[]> {
  return rowsOf<TrainingFlagRow>(
    db,
    sql`select * from (${trainingFlagsSql(ctx, filter)}) x where d_no_backbone is not null or d_training_absent is not null or d_report_back_overdue is not null`,
  );
}

/** Whether any training exists: without one (and without a backboneDue) no training flag can apply. */
export async function anyTraining(db: DbOrTx): Promise<boolean> {
  const rows = await rowsOf<{ ok: boolean }>(db, sql`select exists (select 1 from trainings) as ok`);
  return rows[0]?.ok === true;
}

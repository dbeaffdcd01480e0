// The per-unit facts the laggard flags are computed from, in bulk:
// - as of today, the facts are the stored progress columns (one pass over `units`), unless a
//   step is dated after today's end (a device clock a little ahead, just before midnight);
// - as of a past day, they come from one aggregate over the live steps that had happened by
//   the end of that day. The fold of shared/domain/progress.ts is, per stage, "the latest step
//   (by seq) decides the status", so each stage's latest step is found with max() over
//   seq<<36 | seconds since 1970<<4 | typeCode (steps before 1970 are refused at the door),
//   and its type and time are read back from the bits.
// Each unit's campaign values come with them: the installation's, or its county's (docs/contract/areas.md).
import { sql, type SQL } from 'drizzle-orm';
import { urgedWithoutProgress } from '../notices.js';
import { endOfDay } from '../../../shared/domain/dates.js';
import { STEP_RULES, STEP_TYPES } from '../../../shared/domain/steps.js';
import type { LaggardFilter, UnitScope } from '../../../shared/schemas/reports.js';
import { likePattern } from '../../../server/lib/query.js';
import { inScopeSql } from '../reach.js';
import { AREA_CODE } from '../../../shared/domain/areas.js';
import { AREA_RULE_FIELDS, LATE_JOIN_RULE, type AreaRuleField } from '../../../shared/domain/deadlines.js';
import { at, dayIn, quote, type ReportContext } from './context.js';
import { trainingFlagsJoin } from './training-flags.js';

/** the catalogue as SQL: step type → small integer, and back to the status it leaves */
const typeCode = sql.raw(`case type ${STEP_TYPES.map((t, i) => `when ${quote(t)} then ${i}`).join(' ')} end`);
const statusOfCode = (packed: string) =>
  sql.raw(`coalesce(case (${packed} & 15) ${STEP_TYPES.map((t, i) => `when ${i} then ${quote(STEP_RULES[t].status)}`).join(' ')} end, 'pending')`);
const codeOf = (type: keyof typeof STEP_RULES) => STEP_TYPES.indexOf(type);
/** seq << 36 | epoch seconds << 4 | type code: max() of it is the latest step and tells its time and type */
const SECOND_BITS = 32;
const timeOfPacked = (packed: string) => sql.raw(`to_timestamp((${packed} >> 4) & ${2 ** SECOND_BITS - 1})`);

/** `area`: a code already narrowed to the caller's scope (the service's job); absent: every unit. */
export type UnitFilter = Omit<UnitScope, 'area'> & { area?: string | null } & Pick<LaggardFilter, 'urged'> & {
  laggardsOnly?: boolean;
  unitId?: string;
  /** these units (the kept board's page: laggards-kept.ts) */
  unitIds?: readonly string[];
  /** these counties' units exactly ('' the units without a county): the kept roll-up's recomputation */
  counties?: readonly string[];
};

function unitFilter(f: UnitFilter, current: boolean, training = false): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.area) parts.push(inScopeSql(f.area));
  // an onboarded unit is never a laggard on the network; the stored status says which are, as of
  // today (an onboarded unit can still lag on training: then this shortcut is not taken)
  if (f.laggardsOnly && current && !training) parts.push(sql`u.registration_status <> 'done'`);
  if (f.kind) parts.push(sql`u.kind = ${f.kind}`);
  if (f.parentCode) parts.push(sql`u.parent_code = ${f.parentCode}`);
  // as GET /api/units reads its q: name or code contains, % and _ taken literally
  if (f.q) parts.push(sql`(u.name ilike ${likePattern(f.q)} or u.code ilike ${likePattern(f.q)})`);
  if (f.unitId) parts.push(sql`u.id = ${f.unitId}`);
  if (f.unitIds) parts.push(f.unitIds.length === 0 ? sql`false` : sql`u.id in ${f.unitIds}`);
  if (f.counties) parts.push(countiesSql(f.counties));
  if (f.urged === 'no_progress') parts.push(sql`u.id in ${urgedWithoutProgress}`);
  return sql.join(parts, sql` and `);
}

/** the units of these counties ('' the units without one); none: no unit */
function countiesSql(codes: readonly string[]): SQL {
  const named = codes.filter((c) => c !== '');
  const either = [...(named.length > 0 ? [sql`u.area_code in ${named}`] : []), ...(codes.includes('') ? [sql`u.area_code is null`] : [])];
  return either.length === 0 ? sql`false` : sql`(${sql.join(either, sql` or `)})`;
}

/**
 * One row per unit: id, code, name, kind, parent_code, w/c/r (stage statuses), refused_at (the
 * refusal blocking wiring), postponements, first_postponed_at, connection_at (when connection
 * was done), last_event_at, and the effective due dates. Instants stay instants here: the
 * flags below turn them into calendar days only for the rows a flag applies to.
 */
export function facts(ctx: ReportContext, filter: UnitFilter): SQL {
  const rules = ruleColumns(ctx);
  const dues = sql`
    ${dueDay(ctx, 'wiringDue', rules.wiringDue)} as wiring_due_day,
    ${dueDay(ctx, 'connectionDue', rules.connectionDue)} as connection_due_day${rules.perRow},
    ${trainingColumns(ctx)}`;
  // a unit added after asOf is in no report of that day ("The record")
  const added = sql`u.created_at < ${at(endOfDay(ctx.asOf, ctx.rules.timezone))}`;
  const tf = trainingJoin(ctx, filter);
  if (ctx.current) {
    return sql`
      select u.id, u.code, u.name, u.kind, u.parent_code, u.area_code, u.contact_name, u.contact_phone, u.assignee_id,
        u.wiring_status as w, u.connection_status as c, u.registration_status as r,
        u.refused_at, u.postponements, u.first_postponed_at, u.connection_at,
        u.last_event_at,
        -- awaiting the office's review since ("The record"): registration's only in_progress state
        case when u.registration_status = 'in_progress' then (u.progress->'registration'->>'since')::timestamptz end as submitted_at,
        ${dues}
      from units u${rules.joins}${tf}
      where ${added} and ${unitFilter(filter, true, ctx.training)}`;
  }
  const postponed = sql.raw(`type in (${STEP_TYPES.filter((t) => t.endsWith('.postponed')).map(quote).join(', ')})`);
  // an area's board replays its own units' steps only (by steps_unit_seq_key), not the whole history
  const ofArea = filter.area ? sql` and unit_id in (select u.id from units u where ${inScopeSql(filter.area)})` : sql``;
  return sql`
    select u.id, u.code, u.name, u.kind, u.parent_code, u.area_code, u.contact_name, u.contact_phone, u.assignee_id,
      ${statusOfCode('a.w_last')} as w, ${statusOfCode('a.c_last')} as c, ${statusOfCode('a.r_last')} as r,
      case when (a.w_last & 15) = ${sql.raw(String(codeOf('wiring.refused')))} then ${timeOfPacked('a.w_last')} end as refused_at,
      coalesce(a.postponements, 0) as postponements,
      a.first_postponed_at,
      case when (a.c_last & 15) = ${sql.raw(String(codeOf('connection.completed')))} then ${timeOfPacked('a.c_last')} end as connection_at,
      a.last_event_at,
      case when (a.r_last & 15) = ${sql.raw(String(codeOf('registration.submitted')))} then ${timeOfPacked('a.r_last')} end as submitted_at,
      ${dues}
    from units u
    left join (
      select unit_id,
        max(packed) filter (where stage = 'wiring') as w_last,
        max(packed) filter (where stage = 'connection') as c_last,
        max(packed) filter (where stage = 'registration') as r_last,
        (count(*) filter (where ${postponed}))::int as postponements,
        min(occurred_at) filter (where ${postponed}) as first_postponed_at,
        max(occurred_at) as last_event_at
      from (
        select unit_id, stage, type, occurred_at,
          (seq::bigint << ${sql.raw(String(SECOND_BITS + 4))}) | (floor(date_part('epoch', occurred_at))::bigint << 4) | (${typeCode})::bigint as packed
        from steps
        where not voided and occurred_at < ${at(endOfDay(ctx.asOf, ctx.rules.timezone))}${ofArea}
      ) s
      group by unit_id
    ) a on a.unit_id = u.id${rules.joins}${tf}
    where ${added} and ${unitFilter(filter, false, ctx.training)}`;
}

/**
 * A unit's due day (days since 1970), shared/domain/deadlines.ts dueDatesOf in SQL: its own date;
 * else, when it was created after the end of the campaign's date (its area's or the
 * installation's), the day it was added plus lateJoin…Days; else the campaign's. The creation is
 * compared with the end of the campaign's day as an instant (computed here, in the zone, for each
 * date in force), so only the late joiners' creation is turned into a calendar day.
 */
function dueDay(ctx: ReportContext, key: keyof typeof LATE_JOIN_RULE, campaign: SQL): SQL {
  const tz = ctx.rules.timezone;
  const own = sql.raw(key === 'wiringDue' ? 'u.wiring_due' : 'u.connection_due');
  const varying = perUnit(ctx);
  const dates = [...new Set([ctx.rules[key], ...ctx.areaRules.map((a) => a.rules[key])])].filter((d): d is string => d !== null);
  const end = (d: string) => at(endOfDay(d, tz));
  const bound = !varying.has(key)
    ? ctx.rules[key] === null ? sql`null::timestamptz` : end(ctx.rules[key])
    : dates.length === 0 ? sql`null::timestamptz` : sql`(case ${campaign} ${sql.join(dates.map((d) => sql`when ${sql.raw(`date '${d}'`)} then ${end(d)}`), sql` `)} end)`;
  const daysField = LATE_JOIN_RULE[key];
  const days = varying.has(daysField)
    ? sql.raw(`coalesce(ar.${RULE_COLUMN[daysField].name}, ${RULE_COLUMN[daysField].literal(ctx.rules[daysField] as never)})`)
    : sql.raw(RULE_COLUMN[daysField].literal(ctx.rules[daysField] as never));
  return sql`(case when ${own} is not null then ${own} - date '1970-01-01'
      when u.created_at >= ${bound} then ${dayIn('u.created_at', tz)} + ${days}
      else ${campaign} - date '1970-01-01' end)`;
}

/** The training flags' daysLate (training-flags.ts) as t_* columns; nulls when none can apply. */
const trainingColumns = (ctx: ReportContext) =>
  ctx.training
    ? sql`tf.d_report_back_overdue as t_report_back_overdue, tf.d_training_absent as t_training_absent, tf.d_no_backbone as t_no_backbone`
    : sql`null::int as t_report_back_overdue, null::int as t_training_absent, null::int as t_no_backbone`;
// per unit, after the units' own joins (the area rules), so that it reads `u` as the facts do
const trainingJoin = (ctx: ReportContext, filter: UnitFilter) => (ctx.training ? trainingFlagsJoin(ctx, filter) : sql``);

/** a checked value as SQL text: dates are YYYY-MM-DD, numbers integers, codes digits (a literal lets the planner see it) */
const dateLiteral = (d: string | null) => (d === null ? 'null::date' : /^\d{4}-\d{2}-\d{2}$/.test(d) ? `date '${d}'` : fail(d));
const intLiteral = (n: number) => (Number.isInteger(n) ? `${n}` : fail(n));
const codeLiteral = (c: string) => (AREA_CODE.test(c) ? `'${c}'` : fail(c));
const fail = (v: unknown): never => {
  throw new Error(`not a rule value: ${JSON.stringify(v)}`);
};

/** The values some county holds differently from the installation: only these are read per unit. */
export function perUnit(ctx: ReportContext): Set<AreaRuleField> {
  return new Set(AREA_RULE_FIELDS.filter((f) => ctx.areaRules.some((a) => a.rules[f] !== ctx.rules[f])));
}

export const RULE_COLUMN: Record<AreaRuleField, { name: string; literal: (v: never) => string }> = {
  wiringDue: { name: 'wiring_due', literal: dateLiteral },
  connectionDue: { name: 'connection_due', literal: dateLiteral },
  registrationGraceDays: { name: 'grace_days', literal: intLiteral },
  stallDays: { name: 'stall_days', literal: intLiteral },
  postponementLimit: { name: 'postponement_limit', literal: intLiteral },
  // the training's (db/queries/reports/training-flags.ts reads them itself)
  backboneDue: { name: 'backbone_due', literal: dateLiteral },
  reportBackDays: { name: 'report_back_days', literal: intLiteral },
  backdateDays: { name: 'backdate_days', literal: intLiteral },
  reviewDays: { name: 'review_days', literal: intLiteral },
  lateJoinWiringDays: { name: 'late_wiring_days', literal: intLiteral },
  lateJoinConnectionDays: { name: 'late_connection_days', literal: intLiteral },
};

/**
 * Each unit's effective campaign values, as SQL over `u`. Where no county holds a value other
 * than the installation's, it is the installation's constant (without area overrides: today's
 * plan exactly). The others come from one small VALUES list, a row per county under an area
 * that sets anything (its values resolved by shared/domain/deadlines.ts), hash-joined on the
 * unit's county code: one pass, no function of the column.
 */
function ruleColumns(ctx: ReportContext): { wiringDue: SQL; connectionDue: SQL; perRow: SQL; joins: SQL } {
  const r = ctx.rules;
  const varying = [...perUnit(ctx)];
  const constant = (f: AreaRuleField) => sql.raw(RULE_COLUMN[f].literal(r[f] as never));
  if (varying.length === 0) {
    return { wiringDue: sql`${r.wiringDue}::date`, connectionDue: sql`${r.connectionDue}::date`, perRow: sql``, joins: sql`` };
  }
  const rows = ctx.areaRules.map(({ code, rules: v }) => `(${[codeLiteral(code), ...varying.map((f) => RULE_COLUMN[f].literal(v[f] as never))].join(', ')})`);
  const joins = sql.raw(`\n      left join (values ${rows.join(', ')}) as ar(code, ${varying.map((f) => RULE_COLUMN[f].name).join(', ')}) on ar.code = u.area_code`);
  const value = (f: AreaRuleField) => (varying.includes(f) ? sql.raw(`coalesce(ar.${RULE_COLUMN[f].name}, ${RULE_COLUMN[f].literal(r[f] as never)})`) : constant(f));
  const counts = (['registrationGraceDays', 'stallDays', 'postponementLimit', 'reviewDays'] as const).filter((f) => varying.includes(f));
  return {
    wiringDue: value('wiringDue'),
    connectionDue: value('connectionDue'),
    perRow: sql.join(counts.map((f) => sql`, ${value(f)} as ${sql.raw(RULE_COLUMN[f].name)}`), sql``),
    joins,
  };
}


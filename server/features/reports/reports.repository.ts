// The reports' SQL. Laggard flags are computed in bulk from per-unit "facts":
// - as of today, the facts are the stored progress columns (one pass over `units`), unless a
//   step is dated after today's end (a device clock a little ahead, just before midnight);
// - as of a past day, they come from one aggregate over the live steps that had happened by
//   the end of that day. The fold of shared/domain/progress.ts is, per stage, "the latest step
//   (by seq) decides the status", so each stage's latest step is found with max() over
//   seq<<36 | seconds since 1970<<4 | typeCode (steps before 1970 are refused at the door),
//   and its type and time are read back from the bits.
// The flag rules on top of the facts mirror shared/domain/laggards.ts; a property test holds
// the two to each other.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { rowsOf } from '../../../db/rows.js';
import { urgedWithoutProgress } from '../notices/notices.facts.js';
import { addDays, dayNumber, endOfDay, startOfDay } from '../../../shared/domain/dates.js';
import { SEVERITY_RULE, type LaggardRules } from '../../../shared/domain/laggards.js';
import { STEP_RULES, STEP_TYPES, type Stage, type StageStatus } from '../../../shared/domain/steps.js';
import type { LaggardFilter, UnitScope } from '../../../shared/schemas/reports.js';
import { FUTURE_TOLERANCE_MS } from '../../../shared/schemas/steps.js';
import { likePattern } from '../../lib/query.js';
import { inScopeSql } from '../../lib/scope.js';
import { AREA_CODE } from '../../../shared/domain/areas.js';
import { AREA_RULE_FIELDS, type AreaRuleField, type AreaRules } from '../../../shared/domain/deadlines.js';

export { rowsOf };

/**
 * Runs report queries in one read-only transaction tuned for them: enough work_mem that the
 * per-unit aggregate of a past day stays in memory (100,000 groups), and no parallel workers,
 * whose start-up costs more than they save on scans of this size.
 */
export async function inReportTransaction<T>(db: DbOrTx, run: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('work_mem', '64MB', true), set_config('max_parallel_workers_per_gather', '0', true)`);
    return run(tx);
  });
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** the catalogue as SQL: step type → small integer, and back to the status it leaves */
const typeCode = sql.raw(`case type ${STEP_TYPES.map((t, i) => `when ${quote(t)} then ${i}`).join(' ')} end`);
const statusOfCode = (packed: string) =>
  sql.raw(`coalesce(case (${packed} & 15) ${STEP_TYPES.map((t, i) => `when ${i} then ${quote(STEP_RULES[t].status)}`).join(' ')} end, 'pending')`);
const codeOf = (type: keyof typeof STEP_RULES) => STEP_TYPES.indexOf(type);
/** seq << 36 | epoch seconds << 4 | type code: max() of it is the latest step and tells its time and type */
const SECOND_BITS = 32;
const timeOfPacked = (packed: string) => sql.raw(`to_timestamp((${packed} >> 4) & ${2 ** SECOND_BITS - 1})`);

/** days since 1970-01-01 of an instant's calendar day in the zone */
const dayIn = (instant: SQL | string, tz: string) =>
  sql`((${typeof instant === 'string' ? sql.raw(instant) : instant} at time zone ${tz}::text)::date - date '1970-01-01')`;
const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

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

export interface ReportContext {
  /** the installation's settings: the rules of every unit outside the areas below */
  rules: LaggardRules;
  /**
   * Every county under an area that sets deadlines of its own, with its effective values
   * (resolved over its ancestors by shared/domain/deadlines.ts). Empty, as in an installation
   * without areas: the rules above are constants of the SQL, as before areas existed.
   */
  areaRules: { code: string; rules: AreaRules }[];
  asOf: string;
  /** true: the stored progress answers (as of today or later); false: replay the steps */
  current: boolean;
}

/** `area`: a code already narrowed to the caller's scope (the service's job); absent: every unit. */
type UnitFilter = Omit<UnitScope, 'area'> & { area?: string | null } & Pick<LaggardFilter, 'urged'> & { laggardsOnly?: boolean; unitId?: string };

function unitFilter(f: UnitFilter, current: boolean): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.area) parts.push(inScopeSql(f.area));
  // an onboarded unit is never a laggard; the stored status says which are, as of today
  if (f.laggardsOnly && current) parts.push(sql`u.registration_status <> 'done'`);
  if (f.kind) parts.push(sql`u.kind = ${f.kind}`);
  if (f.parentCode) parts.push(sql`u.parent_code = ${f.parentCode}`);
  // as GET /api/units reads its q: name or code contains, % and _ taken literally
  if (f.q) parts.push(sql`(u.name ilike ${likePattern(f.q)} or u.code ilike ${likePattern(f.q)})`);
  if (f.unitId) parts.push(sql`u.id = ${f.unitId}`);
  if (f.urged === 'no_progress') parts.push(sql`u.id in ${urgedWithoutProgress}`);
  return sql.join(parts, sql` and `);
}

/**
 * One row per unit: id, code, name, kind, parent_code, w/c/r (stage statuses), refused_at (the
 * refusal blocking wiring), postponements, first_postponed_at, connection_at (when connection
 * was done), last_event_at, and the effective due dates. Instants stay instants here: the
 * flags below turn them into calendar days only for the rows a flag applies to.
 */
function facts(ctx: ReportContext, filter: UnitFilter): SQL {
  const rules = ruleColumns(ctx);
  const dues = sql`
    (coalesce(u.wiring_due, ${rules.wiringDue}) - date '1970-01-01') as wiring_due_day,
    (coalesce(u.connection_due, ${rules.connectionDue}) - date '1970-01-01') as connection_due_day${rules.perRow}`;
  if (ctx.current) {
    return sql`
      select u.id, u.code, u.name, u.kind, u.parent_code, u.area_code, u.contact_name, u.contact_phone, u.assignee_id,
        u.wiring_status as w, u.connection_status as c, u.registration_status as r,
        u.refused_at, u.postponements, u.first_postponed_at, u.connection_at,
        u.last_event_at,
        ${dues}
      from units u${rules.joins}
      where ${unitFilter(filter, true)}`;
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
    ) a on a.unit_id = u.id${rules.joins}
    where ${unitFilter(filter, false)}`;
}

/** a checked value as SQL text: dates are YYYY-MM-DD, numbers integers, codes digits (a literal lets the planner see it) */
const dateLiteral = (d: string | null) => (d === null ? 'null::date' : /^\d{4}-\d{2}-\d{2}$/.test(d) ? `date '${d}'` : fail(d));
const intLiteral = (n: number) => (Number.isInteger(n) ? `${n}` : fail(n));
const codeLiteral = (c: string) => (AREA_CODE.test(c) ? `'${c}'` : fail(c));
const fail = (v: unknown): never => {
  throw new Error(`not a rule value: ${JSON.stringify(v)}`);
};

/** The values some county holds differently from the installation: only these are read per unit. */
function perUnit(ctx: ReportContext): Set<AreaRuleField> {
  return new Set(AREA_RULE_FIELDS.filter((f) => ctx.areaRules.some((a) => a.rules[f] !== ctx.rules[f])));
}

const RULE_COLUMN: Record<AreaRuleField, { name: string; literal: (v: never) => string }> = {
  wiringDue: { name: 'wiring_due', literal: dateLiteral },
  connectionDue: { name: 'connection_due', literal: dateLiteral },
  registrationGraceDays: { name: 'grace_days', literal: intLiteral },
  stallDays: { name: 'stall_days', literal: intLiteral },
  postponementLimit: { name: 'postponement_limit', literal: intLiteral },
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
  const counts = (['registrationGraceDays', 'stallDays', 'postponementLimit'] as const).filter((f) => varying.includes(f));
  return {
    wiringDue: value('wiringDue'),
    connectionDue: value('connectionDue'),
    perRow: sql.join(counts.map((f) => sql`, ${value(f)} as ${sql.raw(RULE_COLUMN[f].name)}`), sql``),
    joins,
  };
}

/** Each laggard category and the column that holds its daysLate. */
export const CATEGORY_COLUMN = {
  refused_wiring: 'd_refused',
  repeated_postponement: 'd_postponed',
  unregistered_after_connection: 'd_unregistered',
  overdue_connection: 'd_overdue_connection',
  overdue_wiring: 'd_overdue_wiring',
  stalled: 'd_stalled',
} as const;

/**
 * The flags of domain.md over the facts, each as "does it apply" (instants compared with day
 * boundaries: no time-zone conversion for rows it does not apply to) and "how many days late".
 * The summary counts only the first; the lists need both.
 */
function flagRules(ctx: ReportContext) {
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
    // no step since before the start of (asOf − stallDays + 1)
    d_stalled: {
      applies: sql`r <> 'done' and 'in_progress' in (w, c, r) and last_event_at < ${boundOf('stallDays', (n) => -n + 1)}`,
      days: sql`${asOf} - ${dayIn('last_event_at', tz)}`,
    },
  } satisfies Record<(typeof CATEGORY_COLUMN)[keyof typeof CATEGORY_COLUMN], { applies: SQL; days: SQL }>;
}

/** The context for one area's units: only its counties' rules (a county's board reads one row, or none). */
function forArea(ctx: ReportContext, area: string | null | undefined): ReportContext {
  return area ? { ...ctx, areaRules: ctx.areaRules.filter((a) => a.code.startsWith(area)) } : ctx;
}

/** Facts → daysLate per flag (null: the flag does not apply), then the severity score (× 7). */
function flagged(whole: ReportContext, filter: UnitFilter): SQL {
  const ctx = forArea(whole, filter.area);
  const w = SEVERITY_RULE.weights;
  const n = SEVERITY_RULE.daysPerWeight;
  const term = (weight: number, days: string, times = '1') => sql.raw(`${weight} * ${times} * coalesce(${n} + ${days}, 0)`);
  const flags = Object.entries(flagRules(ctx)).map(([column, f]) => sql`case when ${f.applies} then ${f.days} end as ${sql.raw(column)}`);
  return sql`
    select d.*,
      ${term(w.refused_wiring, 'd_refused')} + ${term(w.repeated_postponement, 'd_postponed')}
        + ${term(w.unregistered_after_connection, 'd_unregistered')} + ${term(w.overdue_connection, 'd_overdue_connection')}
        + ${term(w.overdue_wiring, 'd_overdue_wiring')} + ${term(w.stalled, 'd_stalled', 'n_stalled')} as score,
      coalesce(greatest(d_refused, d_postponed, d_unregistered, d_overdue_connection, d_overdue_wiring, d_stalled), 0) as max_days
    from (
      select f.id, f.code, f.name, f.kind, f.parent_code, f.area_code, f.contact_name, f.contact_phone, f.assignee_id, f.w, f.c, f.r, f.last_event_at,
        ${sql.join(flags, sql`, `)},
        ((w = 'in_progress')::int + (c = 'in_progress')::int + (r = 'in_progress')::int) as n_stalled
      from (${facts(ctx, filter)}) f
      -- offset 0 keeps this a subquery: flattened, each daysLate would be computed again for score and max_days
      offset 0
    ) d`;
}

export interface LaggardRow {
  id: string;
  code: string;
  name: string;
  kind: 'township' | 'department' | 'other';
  parent_code: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  w: StageStatus;
  c: StageStatus;
  r: StageStatus;
  d_refused: number | null;
  d_postponed: number | null;
  d_unregistered: number | null;
  d_overdue_connection: number | null;
  d_overdue_wiring: number | null;
  d_stalled: number | null;
  last_event_ms: number | null;
  score: number;
}


const laggardColumns = sql.raw(
  'id, code, name, kind, parent_code, contact_name, contact_phone, assignee_id, w, c, r, d_refused, d_postponed, d_unregistered, d_overdue_connection, d_overdue_wiring, d_stalled, score::int as score',
);
/** the assignee's name, looked up for the rows shown only (not for every unit the flags read) */
const assigneeName = (alias: string) => sql.raw(`(select display_name from users where users.id = ${alias}.assignee_id) as assignee_name`);
/** a timestamptz as epoch milliseconds: the same number on both drivers (they differ on timestamps) */
const lastEventMs = sql.raw('round(extract(epoch from last_event_at) * 1000)::float8 as last_event_ms');
const ranking = sql.raw('score desc, max_days desc, code collate "C"');

/** The laggard board's filter, its `area` narrowed to the caller's scope already. */
export type ReportFilter = Omit<LaggardFilter, 'area'> & { area?: string | null };

function laggardsOnly(ctx: ReportContext, filter: ReportFilter & Pick<UnitFilter, 'unitId'>): SQL {
  const category = filter.category ? sql.raw(` and ${CATEGORY_COLUMN[filter.category]} is not null`) : sql``;
  return sql`select * from (${flagged(ctx, { ...filter, laggardsOnly: true })}) x where score > 0${category}`;
}

/** One page of laggards, ranked, and how many there are in all. */
export async function laggardPage(db: DbOrTx, ctx: ReportContext, filter: ReportFilter, page: { page: number; pageSize: number }) {
  const rows = await rowsOf<LaggardRow & { total: number; id: string | null }>(
    db,
    sql`with hits as materialized (${laggardsOnly(ctx, filter)})
      select t.total, p.* from (select count(*)::int as total from hits) t
      left join lateral (
        -- the page first, then the per-row conversions for its rows only
        select ${laggardColumns}, ${lastEventMs}, ${assigneeName('top')} from (
          select * from hits order by ${ranking} limit ${page.pageSize}::int offset ${(page.page - 1) * page.pageSize}::int
        ) top order by ${ranking}
      ) p on true`,
  );
  return { total: rows[0]?.total ?? 0, rows: rows.filter((r) => r.id !== null) as LaggardRow[] };
}

/** Every laggard, ranked: for the files. */
export async function allLaggards(db: DbOrTx, ctx: ReportContext, filter: ReportFilter & Pick<UnitFilter, 'unitId'>): Promise<LaggardRow[]> {
  return rowsOf<LaggardRow>(db, sql`select ${laggardColumns}, ${lastEventMs}, ${assigneeName('x')} from (${laggardsOnly(ctx, filter)}) x order by ${ranking}`);
}

/** One flag's bit in the summary's mask, in CATEGORY_COLUMN order. */
export const CATEGORY_BIT = Object.fromEntries(Object.keys(CATEGORY_COLUMN).map((cat, i) => [cat, 1 << i])) as Record<keyof typeof CATEGORY_COLUMN, number>;

export interface SummaryGroup {
  w: StageStatus;
  c: StageStatus;
  r: StageStatus;
  kind: string;
  /** which flags apply, one bit per category (CATEGORY_BIT); 0: not a laggard */
  mask: number;
  n: number;
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
function groups(whole: ReportContext, scope: UnitFilter, child?: SQL): SQL {
  const ctx = forArea(whole, scope.area);
  const rules = flagRules(ctx);
  const bits = Object.entries(CATEGORY_COLUMN).map(
    ([cat, column]) => sql`(case when ${rules[column].applies} then ${sql.raw(String(CATEGORY_BIT[cat as keyof typeof CATEGORY_BIT]))} else 0 end)`,
  );
  return sql`select w, c, r, kind, ${sql.join(bits, sql` | `)} as mask${child ? sql`, ${child} as child` : sql``}, count(*)::int as n
      from (${facts(ctx, scope)}) f
      group by 1, 2, 3, 4, 5${child ? sql`, 6` : sql``}`;
}

/**
 * The roll-up's groups: one pass over the area's units, grouped by the child each lies in: a
 * province's city (left(area_code, 4)), a city's county, a county's kinds; at the top the
 * provinces (null: the units without a county).
 */
export async function rollupGroups(db: DbOrTx, ctx: ReportContext, area: string | null, by: 'province' | 'city' | 'county' | 'kind') {
  const child = by === 'kind' ? sql`f.kind` : by === 'county' ? sql`f.area_code` : sql.raw(`left(f.area_code, ${by === 'city' ? 4 : 2})`);
  return rowsOf<SummaryGroup & { child: string | null }>(db, groups(ctx, { area }, child));
}

const COMPLETIONS = { 'wiring.completed': 'wiring', 'connection.completed': 'connection', 'registration.verified': 'registration' } as const;

/** Per stage and day: how many units finished the stage that day (their live completing step). */
export async function completionsByDay(db: DbOrTx, tz: string, area?: string | null) {
  const types = sql.raw(Object.keys(COMPLETIONS).map(quote).join(', '));
  const ofArea = area ? sql` and unit_id in (select u.id from units u where ${inScopeSql(area)})` : sql``;
  return rowsOf<{ stage: Stage; day: number; n: number }>(
    db,
    sql`select stage, day, count(*)::int as n from (
        select unit_id, stage, min(${dayIn(sql`occurred_at`, tz)}) as day
        from steps where type in (${types}) and not voided${ofArea}
        group by unit_id, stage
      ) s group by stage, day`,
  );
}

export async function countUnits(db: DbOrTx, area?: string | null): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from units u where ${inScopeSql(area)}`);
  return row.n;
}

/** Live refusals and postponements that had happened by the end of `asOf`, by reasonCode. */
export async function reasonCounts(db: DbOrTx, asOf: string, tz: string, area?: string | null) {
  const ofArea = area ? sql` and unit_id in (select u.id from units u where ${inScopeSql(area)})` : sql``;
  const types = sql.raw(STEP_TYPES.filter((t) => t === 'wiring.refused' || t.endsWith('.postponed')).map(quote).join(', '));
  return rowsOf<{ reason_code: string | null; n: number }>(
    db,
    sql`select data ->> 'reasonCode' as reason_code, count(*)::int as n from steps
      where type in (${types}) and not voided and occurred_at < ${at(endOfDay(asOf, tz))}${ofArea}
      group by 1 order by 2 desc, 1 nulls last`,
  );
}

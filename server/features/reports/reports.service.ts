// Reports as the API answers them: the SQL's rows turned into the contract's shapes.
import type { DbOrTx } from '../../../db/client.js';
import { addDays, dayNumber, endOfDay, fromDayNumber, today } from '../../../shared/domain/dates.js';
import { compareFlags, LAGGARD_CATEGORIES, maxDaysLate, severityOf, type LaggardFlag } from '../../../shared/domain/laggards.js';
import { REASON_CODES, STAGES, type ReasonCode } from '../../../shared/domain/steps.js';
import {
  TREND_MAX_DAYS,
  type LaggardItem,
  type LaggardsReport,
  type ReasonsReport,
  type SummaryQuery,
  type SummaryReport,
  type TrendQuery,
  type TrendReport,
} from '../../../shared/schemas/reports.js';
import { fail } from '../../lib/errors.js';
import { noticeFacts, NO_NOTICES } from '../notices/notices.facts.js';
import { readAreaOverrides, readSettings } from '../../../db/queries/settings.js';
import { effectiveAreaRules } from '../../../shared/domain/deadlines.js';
import {
  allLaggards,
  anyStepAfter,
  completionsByDay,
  countUnits,
  inReportTransaction,
  laggardPage,
  reasonCounts,
  summaryGroups,
  CATEGORY_BIT,
  rollupGroups,
  type LaggardRow,
  type ReportContext,
  type ReportFilter,
  type SummaryGroup,
} from './reports.repository.js';
import type { Actor } from '../../lib/actor.js';
import type { Area, RollupResponse } from '../../../shared/schemas/areas.js';
import { UNIT_KINDS } from '../../../shared/domain/catalogue.js';
import { onboardedShare, rankRollup } from '../../../shared/domain/rollup.js';
import { areaFor } from '../../lib/scope.js';
import { childAreas, countyCodes, findAreas } from '../../../db/queries/areas.js';

/**
 * The rules in force and the day asked about; today is answered from stored progress. A day
 * after today (in the campaign's zone) is refused: its report would show today's state as if
 * it were that day's fact.
 */
export async function reportContext(db: DbOrTx, asOf?: string, now = new Date()): Promise<ReportContext> {
  const [rules, overrides] = await Promise.all([readSettings(db), readAreaOverrides(db)]);
  // every county under an area that sets a value, with its values resolved over its ancestors
  const prefixes = [...overrides.keys()];
  const areaRules = prefixes.length
    ? (await countyCodes(db)).filter((c) => prefixes.some((p) => c.startsWith(p))).map((code) => ({ code, rules: effectiveAreaRules(rules, overrides, code).rules }))
    : [];
  const current = today(rules.timezone, now);
  if (asOf && asOf > current) {
    throw fail.validation(`asOf ${asOf} is after today (${current} in ${rules.timezone})`, [
      { field: 'querystring.asOf', message: `must not be after today, ${current}` },
    ]);
  }
  const day = asOf ?? current;
  // The stored progress holds every step, also one dated a few minutes ahead of the clock; just
  // before midnight such a step belongs to the next day, and the steps are replayed instead.
  const stored = day >= current && !(await anyStepAfter(db, endOfDay(day, rules.timezone)));
  return { rules, areaRules, asOf: day, current: stored };
}

export function toLaggardItem(row: LaggardRow): LaggardItem {
  const flags: LaggardFlag[] = [];
  if (row.d_refused !== null) flags.push({ category: 'refused_wiring', stage: 'wiring', daysLate: row.d_refused });
  if (row.d_postponed !== null) flags.push({ category: 'repeated_postponement', stage: null, daysLate: row.d_postponed });
  if (row.d_unregistered !== null) flags.push({ category: 'unregistered_after_connection', stage: 'registration', daysLate: row.d_unregistered });
  if (row.d_overdue_connection !== null) flags.push({ category: 'overdue_connection', stage: 'connection', daysLate: row.d_overdue_connection });
  if (row.d_overdue_wiring !== null) flags.push({ category: 'overdue_wiring', stage: 'wiring', daysLate: row.d_overdue_wiring });
  if (row.d_stalled !== null) {
    const status = { wiring: row.w, connection: row.c, registration: row.r };
    for (const stage of STAGES) if (status[stage] === 'in_progress') flags.push({ category: 'stalled', stage, daysLate: row.d_stalled });
  }
  flags.sort(compareFlags);
  return {
    unit: {
      id: row.id,
      code: row.code,
      name: row.name,
      kind: row.kind,
      parentCode: row.parent_code,
      contactName: row.contact_name,
      contactPhone: row.contact_phone,
      assignee: row.assignee_id && row.assignee_name !== null ? { id: row.assignee_id, displayName: row.assignee_name } : null,
    },
    flags,
    severity: severityOf(flags),
    maxDaysLate: maxDaysLate(flags),
    lastEventAt: row.last_event_ms === null ? null : new Date(row.last_event_ms).toISOString(),
    notices: NO_NOTICES,
  };
}

/** The rows as the API answers them, each with its notices' facts. */
async function withNotices(db: DbOrTx, rows: LaggardRow[], all = false) {
  const facts = await noticeFacts(db, all ? undefined : rows.map((r) => r.id));
  return rows.map((r) => ({ ...toLaggardItem(r), notices: facts.get(r.id) ?? NO_NOTICES }));
}

/**
 * The area a report covers for this caller: the one asked for (`area=`, `parent=`), narrowed to
 * the caller's scope (outside it, or naming no area: 404); none asked for: the caller's scope;
 * null: the whole installation. Every report route calls this before the reports below, which
 * take the area as given.
 */
export const reportArea = (db: DbOrTx, actor: Pick<Actor, 'scope'>, requested?: string | null): Promise<Area | null> => areaFor(db, actor, requested);

export async function laggardsReport(db: DbOrTx, q: ReportFilter & { page: number; pageSize: number }, now?: Date): Promise<LaggardsReport> {
  const ctx = await reportContext(db, q.asOf, now);
  const { total, items } = await inReportTransaction(db, async (tx) => {
    const page = await laggardPage(tx, ctx, q, q);
    return { total: page.total, items: await withNotices(tx, page.rows) };
  });
  return { asOf: ctx.asOf, total, page: q.page, pageSize: q.pageSize, items };
}

export async function laggardsForExport(db: DbOrTx, q: ReportFilter) {
  const ctx = await reportContext(db, q.asOf);
  const items = await inReportTransaction(db, async (tx) => withNotices(tx, await allLaggards(tx, ctx, q), true));
  return { ctx, items };
}

export async function summaryReport(db: DbOrTx, q: Omit<SummaryQuery, 'area'> & { area?: string | null } = {}, now?: Date): Promise<SummaryReport> {
  const { asOf, ...scope } = q;
  const ctx = await reportContext(db, asOf, now);
  const groups = await inReportTransaction(db, (tx) => summaryGroups(tx, ctx, scope));
  return { asOf: ctx.asOf, ...addUp(groups) };
}

/** The summary's figures over some of the groups (all of a report, or one child's of a roll-up). */
function addUp(groups: readonly SummaryGroup[]): Omit<SummaryReport, 'asOf'> {
  const stages = Object.fromEntries(STAGES.map((s) => [s, { pending: 0, in_progress: 0, blocked: 0, done: 0 }])) as SummaryReport['stages'];
  const byCategory = Object.fromEntries(LAGGARD_CATEGORIES.map((c) => [c, 0])) as SummaryReport['byCategory'];
  const byKind: SummaryReport['byKind'] = { township: 0, department: 0, other: 0 };
  let totalUnits = 0;
  let onboarded = 0;
  let laggards = 0;
  for (const g of groups) {
    totalUnits += g.n;
    stages.wiring[g.w] += g.n;
    stages.connection[g.c] += g.n;
    stages.registration[g.r] += g.n;
    if (g.r === 'done') onboarded += g.n;
    if (g.mask === 0) continue;
    laggards += g.n;
    byKind[g.kind as keyof typeof byKind] += g.n;
    for (const c of LAGGARD_CATEGORIES) if (g.mask & CATEGORY_BIT[c]) byCategory[c] += g.n;
  }
  return { totalUnits, onboarded, laggards, stages, byCategory, byKind };
}

/** How a roll-up names a county's children, its units' kinds. */
export const KIND_NAMES: Record<(typeof UNIT_KINDS)[number], string> = { township: '乡镇', department: '部门', other: '其他' };
const UNPLACED = { code: 'unplaced', name: '未归属区县', level: 'unplaced' } as const;

/**
 * GET /api/reports/areas: the children of `parent` (already narrowed by reportArea) side by
 * side, from one grouped pass over its units: a province's cities, a city's counties (every
 * child, a child without units too), a county's kinds of unit; at the top (the whole
 * installation) the provinces that have units, and the units without a county as "unplaced".
 */
export async function rollupReport(db: DbOrTx, parent: Area | null, asOf?: string, now?: Date): Promise<RollupResponse> {
  const ctx = await reportContext(db, asOf, now);
  const by = parent === null ? 'province' : parent.level === 'province' ? 'city' : parent.level === 'city' ? 'county' : 'kind';
  const groups = await inReportTransaction(db, (tx) => rollupGroups(tx, ctx, parent?.code ?? null, by));
  const byChild = new Map<string | null, SummaryGroup[]>();
  for (const g of groups) byChild.set(g.child, [...(byChild.get(g.child) ?? []), g]);

  let children: RollupResponse['items'][number]['area'][];
  if (by === 'kind') {
    children = UNIT_KINDS.filter((k) => byChild.has(k)).map((k) => ({ code: k, name: KIND_NAMES[k], level: 'kind' as const }));
  } else if (parent === null) {
    const present = [...byChild.keys()].filter((c): c is string => c !== null).sort();
    children = (await findAreas(db, present)).map(({ code, name, level }) => ({ code, name, level }));
    if (byChild.has(null)) children.push(UNPLACED);
  } else {
    children = (await childAreas(db, parent.code)).map(({ code, name, level }) => ({ code, name, level }));
  }
  const rows = children.map((area) => {
    const f = addUp(byChild.get(area.level === 'unplaced' ? null : area.code) ?? []);
    return {
      area,
      code: area.code,
      totalUnits: f.totalUnits,
      onboarded: f.onboarded,
      onboardedShare: onboardedShare(f),
      stages: { wiring: { done: f.stages.wiring.done }, connection: { done: f.stages.connection.done }, registration: { done: f.stages.registration.done } },
      laggards: f.laggards,
      byCategory: f.byCategory,
    };
  });
  // unplaced units are no area's: ranked after the areas
  const ranked = rankRollup(rows.filter((r) => r.area.level !== 'unplaced'));
  const unplaced = rows.filter((r) => r.area.level === 'unplaced').map((r) => ({ ...r, rank: ranked.length + 1 }));
  const items = [...ranked, ...unplaced].map(({ code: _code, ...r }) => r);
  return { asOf: ctx.asOf, parent, items };
}

/**
 * The day's reports for one area, for the notify digest and the like: `area` is taken as given
 * (a channel's scope, a caller's narrowed area: reportArea); null: the whole installation.
 */
export async function areaReports(db: DbOrTx, area: string | null, q: { asOf?: string; pageSize: number }, now?: Date) {
  const summary = await summaryReport(db, { asOf: q.asOf, area }, now);
  const laggards = await laggardsReport(db, { asOf: q.asOf, area, page: 1, pageSize: q.pageSize }, now);
  return { summary, laggards };
}

/** The default trend: the 30 days up to today. */
export const TREND_DEFAULT_DAYS = 30;

export async function trendReport(db: DbOrTx, q: Omit<TrendQuery, 'area'> & { area?: string | null }): Promise<TrendReport> {
  const { timezone } = await readSettings(db);
  const to = q.to ?? (q.from && q.from > today(timezone) ? q.from : today(timezone));
  const from = q.from ?? addDays(to, -(TREND_DEFAULT_DAYS - 1));
  if (dayNumber(to) - dayNumber(from) >= TREND_MAX_DAYS) {
    throw fail.validation(`the trend covers at most ${TREND_MAX_DAYS} days`, [{ field: 'querystring.from', message: `at most ${TREND_MAX_DAYS} days before to` }]);
  }
  const [done, totalUnits] = await inReportTransaction(db, async (tx) => [await completionsByDay(tx, timezone, q.area), await countUnits(tx, q.area)] as const);
  const first = dayNumber(from);
  const last = dayNumber(to);
  const cumulative = { wiring: new Array<number>(last - first + 1).fill(0), connection: [] as number[], registration: [] as number[] };
  cumulative.connection = [...cumulative.wiring];
  cumulative.registration = [...cumulative.wiring];
  for (const { stage, day, n } of done) {
    if (day > last) continue;
    cumulative[stage][Math.max(0, day - first)] += n;
  }
  const items: TrendReport['items'] = [];
  const running = { wiring: 0, connection: 0, registration: 0 };
  for (let i = 0; i <= last - first; i++) {
    for (const stage of STAGES) running[stage] += cumulative[stage][i];
    items.push({ date: fromDayNumber(first + i), ...running });
  }
  return { from, to, totalUnits, items };
}

export async function reasonsReport(db: DbOrTx, asOf?: string, area?: string | null): Promise<ReasonsReport> {
  const { rules, asOf: day } = await reportContext(db, asOf);
  const rows = await inReportTransaction(db, (tx) => reasonCounts(tx, day, rules.timezone, area));
  const known = new Set<string>(REASON_CODES);
  // a code the catalogue no longer knows counts as "other"
  const counts = new Map<ReasonCode | null, number>();
  for (const { reason_code, n } of rows) {
    const code = reason_code === null ? null : known.has(reason_code) ? (reason_code as ReasonCode) : 'other';
    counts.set(code, (counts.get(code) ?? 0) + n);
  }
  const items = [...counts].map(([reasonCode, count]) => ({ reasonCode, count })).sort((a, b) => b.count - a.count);
  return { asOf: day, items };
}

// Reports as the API answers them: the SQL's rows turned into the contract's shapes.
import type { DbOrTx } from '../../../db/client.js';
import { addDays, dayNumber, endOfDay, fromDayNumber, today } from '../../../shared/domain/dates.js';
import { compareFlags, LAGGARD_CATEGORIES, maxDaysLate, severityOf, type LaggardFlag } from '../../../shared/domain/laggards.js';
import { REASON_CODES, STAGES, type ReasonCode } from '../../../shared/domain/steps.js';
import {
  TREND_MAX_DAYS,
  type LaggardFilter,
  type LaggardItem,
  type LaggardsReport,
  type ReasonsReport,
  type SummaryReport,
  type TrendQuery,
  type TrendReport,
} from '../../../shared/schemas/reports.js';
import { fail } from '../../lib/errors.js';
import { noticeFacts, NO_NOTICES } from '../notices/notices.facts.js';
import { readSettings } from '../settings/settings.repository.js';
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
  type LaggardRow,
  type ReportContext,
} from './reports.repository.js';

/** The rules in force and the day asked about; today (or later) is answered from stored progress. */
export async function reportContext(db: DbOrTx, asOf?: string, now = new Date()): Promise<ReportContext> {
  const rules = await readSettings(db);
  const current = today(rules.timezone, now);
  const day = asOf ?? current;
  // The stored progress holds every step, also one dated a few minutes ahead of the clock; just
  // before midnight such a step belongs to the next day, and the steps are replayed instead.
  const stored = day >= current && !(await anyStepAfter(db, endOfDay(day, rules.timezone)));
  return { rules, asOf: day, current: stored };
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
    unit: { id: row.id, code: row.code, name: row.name, kind: row.kind, parentCode: row.parent_code },
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

export async function laggardsReport(db: DbOrTx, q: LaggardFilter & { page: number; pageSize: number }, now?: Date): Promise<LaggardsReport> {
  const ctx = await reportContext(db, q.asOf, now);
  const { total, items } = await inReportTransaction(db, async (tx) => {
    const page = await laggardPage(tx, ctx, q, q);
    return { total: page.total, items: await withNotices(tx, page.rows) };
  });
  return { asOf: ctx.asOf, total, page: q.page, pageSize: q.pageSize, items };
}

export async function laggardsForExport(db: DbOrTx, q: LaggardFilter) {
  const ctx = await reportContext(db, q.asOf);
  const items = await inReportTransaction(db, async (tx) => withNotices(tx, await allLaggards(tx, ctx, q), true));
  return { ctx, items };
}

export async function summaryReport(db: DbOrTx, asOf?: string): Promise<SummaryReport> {
  const ctx = await reportContext(db, asOf);
  const groups = await inReportTransaction(db, (tx) => summaryGroups(tx, ctx));
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
  return { asOf: ctx.asOf, totalUnits, onboarded, laggards, stages, byCategory, byKind };
}

/** The default trend: the 30 days up to today. */
export const TREND_DEFAULT_DAYS = 30;

export async function trendReport(db: DbOrTx, q: TrendQuery): Promise<TrendReport> {
  const { timezone } = await readSettings(db);
  const to = q.to ?? (q.from && q.from > today(timezone) ? q.from : today(timezone));
  const from = q.from ?? addDays(to, -(TREND_DEFAULT_DAYS - 1));
  if (dayNumber(to) - dayNumber(from) >= TREND_MAX_DAYS) {
    throw fail.validation(`the trend covers at most ${TREND_MAX_DAYS} days`, [{ field: 'querystring.from', message: `at most ${TREND_MAX_DAYS} days before to` }]);
  }
  const [done, totalUnits] = await inReportTransaction(db, async (tx) => [await completionsByDay(tx, timezone), await countUnits(tx)] as const);
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

export async function reasonsReport(db: DbOrTx, asOf?: string): Promise<ReasonsReport> {
  const { rules, asOf: day } = await reportContext(db, asOf);
  const rows = await inReportTransaction(db, (tx) => reasonCounts(tx, day, rules.timezone));
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

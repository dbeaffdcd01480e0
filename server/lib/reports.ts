// The day's reports that more than one feature needs: the context a report answers for, the area
// it covers for a caller, and the summary and laggard board (the reports feature answers them;
// the notices and the notify digest read them). The SQL is db/queries/reports.
import type { DbOrTx } from '../../db/client.js';
import { dayNumber, endOfDay, today } from '../../shared/domain/dates.js';
import { compareFlags, LAGGARD_CATEGORIES, maxDaysLate, severityOf, type LaggardFlag } from '../../shared/domain/laggards.js';
import { STAGES } from '../../shared/domain/steps.js';
import type { LaggardItem, LaggardsReport, SummaryQuery, SummaryReport } from '../../shared/schemas/reports.js';
import type { Area } from '../../shared/schemas/areas.js';
import { effectiveAreaRules } from '../../shared/domain/deadlines.js';
import { noticeFacts, NO_NOTICES } from '../../db/queries/notices.js';
import { readAreaOverrides, readSettings } from '../../db/queries/settings.js';
import { countyCodes } from '../../db/queries/areas.js';
import {
  anyStepAfter,
  CATEGORY_BIT,
  inReportTransaction,
  laggardPage,
  summaryGroups,
  type LaggardRow,
  type ReportContext,
  type ReportFilter,
  type SummaryGroup,
} from '../../db/queries/reports/index.js';
import type { Actor } from './actor.js';
import { fail } from './errors.js';
import { areaFor } from './scope.js';

export { allLaggards, type ReportContext } from '../../db/queries/reports/index.js';

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
    for (const stage of STAGES) if (status[stage] === 'in_progress' && stage !== 'registration') flags.push({ category: 'stalled', stage, daysLate: row.d_stalled });
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

/** The rows as the API answers them, each with its notices' facts (`all`: every unit's at once, for a file). */
export async function withNotices(db: DbOrTx, rows: LaggardRow[], all = false): Promise<LaggardItem[]> {
  const facts = await noticeFacts(db, all ? undefined : rows.map((r) => r.id));
  return rows.map((r) => ({ ...toLaggardItem(r), notices: facts.get(r.id) ?? NO_NOTICES }));
}

/**
 * The area a report covers for this caller: the one asked for (`area=`, `parent=`), narrowed to
 * the caller's scope (outside it, or naming no area: 404); none asked for: the caller's scope;
 * null: the whole installation. Every report route calls this before the reports below, which
 * take the area as given and apply it in their SQL.
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

export async function summaryReport(db: DbOrTx, q: Omit<SummaryQuery, 'area'> & { area?: string | null } = {}, now?: Date): Promise<SummaryReport> {
  const { asOf, ...scope } = q;
  const ctx = await reportContext(db, asOf, now);
  const groups = await inReportTransaction(db, (tx) => summaryGroups(tx, ctx, scope));
  const { reviewOverdue: _shownToTheLevelAbove, ...figures } = addUp(groups, ctx.asOf);
  return { asOf: ctx.asOf, ...figures };
}

/** The summary's figures over some of the groups (all of a report, or one child's of a roll-up). */
export function addUp(groups: readonly SummaryGroup[], asOf: string): Omit<SummaryReport, 'asOf'> & { reviewOverdue: number } {
  const stages = Object.fromEntries(STAGES.map((s) => [s, { pending: 0, in_progress: 0, blocked: 0, done: 0 }])) as SummaryReport['stages'];
  const byCategory = Object.fromEntries(LAGGARD_CATEGORIES.map((c) => [c, 0])) as SummaryReport['byCategory'];
  const byKind: SummaryReport['byKind'] = { township: 0, department: 0, other: 0 };
  let totalUnits = 0;
  let onboarded = 0;
  let laggards = 0;
  // "The record": the office's review queue (registration in_progress = awaiting review)
  let awaitingReview = 0;
  let reviewOverdue = 0;
  let oldestDay: number | null = null;
  for (const g of groups) {
    totalUnits += g.n;
    if (g.r === 'in_progress') awaitingReview += g.n;
    reviewOverdue += g.review_overdue ?? 0;
    if (g.oldest_review_day !== null && g.oldest_review_day !== undefined && (oldestDay === null || g.oldest_review_day < oldestDay)) oldestDay = g.oldest_review_day;
    stages.wiring[g.w] += g.n;
    stages.connection[g.c] += g.n;
    stages.registration[g.r] += g.n;
    if (g.r === 'done') onboarded += g.n;
    if (g.mask === 0) continue;
    laggards += g.n;
    byKind[g.kind as keyof typeof byKind] += g.n;
    for (const c of LAGGARD_CATEGORIES) if (g.mask & CATEGORY_BIT[c]) byCategory[c] += g.n;
  }
  const oldestReviewDays = oldestDay === null ? null : dayNumber(asOf) - oldestDay;
  return { totalUnits, onboarded, laggards, stages, byCategory, byKind, awaitingReview, oldestReviewDays, reviewOverdue };
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

// The day's reports that more than one feature needs: the context a report answers for, the area
// it covers for a caller, and the summary and laggard board (the reports feature answers them;
// the notices and the notify digest read them). The SQL is db/queries/reports.
import { anyTraining } from '../../db/queries/reports/training-flags.js';
import type { DbOrTx } from '../../db/client.js';
import { addDays, dayNumber, endOfDay, fromDayNumber, today } from '../../shared/domain/dates.js';
import { nextDue } from '../../shared/domain/urgency.js';
import { compareFlags, LAGGARD_CATEGORIES, maxDaysLate, severityOf, type LaggardFlag } from '../../shared/domain/laggards.js';
import { STAGES } from '../../shared/domain/steps.js';
import { COMPARE_DAYS_DEFAULT, type DueSoonQuery, type DueSoonReport, type LaggardItem, type Scorecard, type LaggardsReport, type SummaryFigures, type SummaryQuery, type SummaryReport } from '../../shared/schemas/reports.js';
import type { Area } from '../../shared/schemas/areas.js';
import { effectiveAreaRules } from '../../shared/domain/deadlines.js';
import { noticeFacts, NO_NOTICES } from '../../db/queries/notices.js';
import { readAreaOverrides, readAreaScores, readSettings } from '../../db/queries/settings.js';
import { DEFAULT_SCORE_THRESHOLDS, effectiveScore, scoreColour } from '../../shared/domain/scorecard.js';
import { countyCodes } from '../../db/queries/areas.js';
import { stepsRecordedAfter } from '../../db/queries/bulletins.js';
import {
  anyStepAfter,
  CATEGORY_BIT,
  changeCounts,
  dueSoonPage,
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
  // the training flags are read only where they can apply (docs/contract/training.md)
  const training = Boolean(rules.backboneDue) || areaRules.some((a) => a.rules.backboneDue) || (await anyTraining(db));
  return { rules, areaRules, asOf: day, current: stored, training };
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
  // training (docs/contract/training.md)
  if (row.d_report_back_overdue !== null) flags.push({ category: 'report_back_overdue', stage: 'training', daysLate: row.d_report_back_overdue });
  if (row.d_training_absent !== null) flags.push({ category: 'training_absent', stage: 'training', daysLate: row.d_training_absent });
  if (row.d_no_backbone !== null) flags.push({ category: 'no_backbone', stage: 'training', daysLate: row.d_no_backbone });
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

/**
 * `root`: the database today's board is kept for (db/queries/reports/laggards-kept.ts: the routes'
 * reports database); null, as inside a caller's transaction: computed whole
 */
export async function laggardsReport(db: DbOrTx, q: ReportFilter & { page: number; pageSize: number }, now?: Date, root: object | null = null): Promise<LaggardsReport> {
  const ctx = await reportContext(db, q.asOf, now);
  const { total, items } = await inReportTransaction(db, async (tx) => {
    const page = await laggardPage(tx, ctx, q, q, root ?? undefined);
    return { total: page.total, items: await withNotices(tx, page.rows) };
  });
  return { asOf: ctx.asOf, total, page: q.page, pageSize: q.pageSize, items };
}

/**
 * The scorecard of each area code (null: the whole installation) for its share onboarded: the
 * thresholds in force there, read once for all the codes.
 */
export async function scorecards(db: DbOrTx) {
  const [installation, own] = await Promise.all([readSettings(db), readAreaScores(db)]);
  const base = { scoreGreen: installation.scoreGreen ?? DEFAULT_SCORE_THRESHOLDS.scoreGreen, scoreYellow: installation.scoreYellow ?? DEFAULT_SCORE_THRESHOLDS.scoreYellow };
  return (code: string | null, share: number): Scorecard => {
    const t = effectiveScore(base, own, code);
    return { colour: scoreColour(share, t), ...t };
  };
}

/**
 * The summary; with `compareDays`, also the same figures as of that many days before asOf (a
 * past day, computed as any past day is) and which units changed in between.
 */
export async function summaryReport(
  db: DbOrTx,
  q: Omit<SummaryQuery, 'area'> & { area?: string | null; compareDays?: number } = {},
  now?: Date,
): Promise<SummaryReport> {
  const { asOf, compareDays, ...scope } = q;
  const ctx = await reportContext(db, asOf, now);
  const before = compareDays ? await reportContext(db, addDays(ctx.asOf, -compareDays), now) : null;
  const card = await scorecards(db);
  // a past day computed afresh says how many steps recorded since change it (docs/contract/domain.md "The record")
  const past = ctx.asOf < today(ctx.rules.timezone, now);
  const recordedLater = past ? await stepsRecordedAfter(db, endOfDay(ctx.asOf, ctx.rules.timezone), scope.area ?? null) : undefined;
  const later = recordedLater === undefined ? {} : { recordedLater };
  return inReportTransaction(db, async (tx) => {
    const { reviewOverdue: _shownToTheLevelAbove, ...sum } = addUp(await summaryGroups(tx, ctx, scope), ctx.asOf);
    const figures = { ...sum, ...later, scorecard: card(scope.area ?? null, sum.totalUnits === 0 ? 0 : sum.onboarded / sum.totalUnits) };
    if (!before) return { asOf: ctx.asOf, ...figures };
    const { reviewOverdue: _then, ...then } = addUp(await summaryGroups(tx, before, scope), before.asOf);
    const previous = { asOf: before.asOf, ...then };
    const c = await changeCounts(tx, ctx, before, scope);
    return { asOf: ctx.asOf, ...figures, previous, change: { newlyOnboarded: c.newly_onboarded, newLaggards: c.new_laggards, resolved: c.resolved } };
  });
}

/** The summary's figures over some of the groups (all of a report, or one child's of a roll-up). */
export function addUp(groups: readonly SummaryGroup[], asOf: string): SummaryFigures & { reviewOverdue: number } {
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

/** GET /api/reports/due-soon: one page of the units not yet late that are due within `days`, soonest first. */
export async function dueSoonReport(db: DbOrTx, q: Omit<DueSoonQuery, 'area'> & { area?: string | null }, now?: Date): Promise<DueSoonReport> {
  const ctx = await reportContext(db, q.asOf, now);
  const rows = await inReportTransaction(db, (tx) => dueSoonPage(tx, ctx, { area: q.area }, q.days, q));
  const day = (n: number | null) => (n === null ? null : fromDayNumber(n));
  const items = rows.map((r) => {
    // the query chose the row by the same earliest due day; nextDue names its stage
    const next = nextDue({ wiring: day(r.w_due), connection: day(r.c_due), registration: day(r.r_due) }, ctx.asOf, q.days)!;
    return { unit: { id: r.id, code: r.code, name: r.name, kind: r.kind }, ...next };
  });
  return { asOf: ctx.asOf, days: q.days, total: rows[0]?.total ?? 0, items };
}

/**
 * The day's reports for one area, for the notify digest and the like: `area` is taken as given
 * (a channel's scope, a caller's narrowed area: reportArea); null: the whole installation.
 */
export async function areaReports(db: DbOrTx, area: string | null, q: { asOf?: string; pageSize: number }, now?: Date) {
  // with the week before: the digest says what changed
  const summary = await summaryReport(db, { asOf: q.asOf, area, compareDays: COMPARE_DAYS_DEFAULT }, now);
  const laggards = await laggardsReport(db, { asOf: q.asOf, area, page: 1, pageSize: q.pageSize }, now);
  return { summary, laggards };
}

// The reports the reports feature alone answers: the laggard files, the trend and
// the reasons (the summary and the board are server/lib/reports.ts's, which other features read).
import type { DbOrTx } from '../../../db/client.js';
import { addDays, dayNumber, fromDayNumber, today } from '../../../shared/domain/dates.js';
import { REASON_CODES, STAGES, type ReasonCode } from '../../../shared/domain/steps.js';
import { TREND_MAX_DAYS, type ReasonsReport, type ReviewQueueReport, type TrendQuery, type TrendReport } from '../../../shared/schemas/reports.js';
import { readSettings } from '../../../db/queries/settings.js';
import { allLaggards, completionsByDay, countUnits, inReportTransaction, reasonCounts, reviewQueue, type ReportFilter } from '../../../db/queries/reports/index.js';
import { fail } from '../../lib/errors.js';
import { reportContext, withNotices } from '../../lib/reports.js';

export async function laggardsForExport(db: DbOrTx, q: ReportFilter) {
  const ctx = await reportContext(db, q.asOf);
  const items = await inReportTransaction(db, async (tx) => withNotices(tx, await allLaggards(tx, ctx, q), true));
  return { ctx, items };
}

/**
 * GET /api/reports/review-queue: today's registrations awaiting the office's review in the area
 * (already narrowed to the caller's scope), oldest first, each with the days it has waited and
 * whether that is longer than its county's reviewDays.
 */
export async function reviewQueueReport(db: DbOrTx, area: string | null): Promise<ReviewQueueReport> {
  const ctx = await reportContext(db);
  const rows = await inReportTransaction(db, (tx) => reviewQueue(tx, ctx, area));
  const reviewDaysOf = (county: string | null) => ctx.areaRules.find((a) => a.code === county)?.rules.reviewDays ?? ctx.rules.reviewDays;
  const items = rows.map((r) => ({
    unit: { id: r.id, code: r.code, name: r.name, kind: r.kind as ReviewQueueReport['items'][number]['unit']['kind'], areaCode: r.area_code },
    submittedAt: new Date(Number(r.submitted_ms)).toISOString(),
    platformRef: r.platform_ref,
    waitingDays: r.waiting_days,
    overdue: r.waiting_days > reviewDaysOf(r.area_code),
  }));
  return { asOf: ctx.asOf, reviewDays: ctx.rules.reviewDays, items };
}

const EPOCH_DAY = '1970-01-01';
const maxDay = (a: string, b: string) => (a > b ? a : b);

/** The default trend: the 30 days up to today. */
export const TREND_DEFAULT_DAYS = 30;

export async function trendReport(db: DbOrTx, q: Omit<TrendQuery, 'area'> & { area?: string | null }): Promise<TrendReport> {
  const { timezone } = await readSettings(db);
  const to = q.to ?? (q.from && q.from > today(timezone) ? q.from : today(timezone));
  // the default 30 days, but never before 1970-01-01, the first day a date may name (IsoDate)
  const from = q.from ?? maxDay(addDays(to, -(TREND_DEFAULT_DAYS - 1)), EPOCH_DAY);
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

export { KIND_NAMES, rollupReport } from '../../lib/rollup.js';

// The reports the reports feature alone answers: the laggard files, the roll-up, the trend and
// the reasons (the summary and the board are server/lib/reports.ts's, which other features read).
import type { DbOrTx } from '../../../db/client.js';
import { addDays, dayNumber, fromDayNumber, today } from '../../../shared/domain/dates.js';
import { REASON_CODES, STAGES, type ReasonCode } from '../../../shared/domain/steps.js';
import { TREND_MAX_DAYS, type ReasonsReport, type TrendQuery, type TrendReport } from '../../../shared/schemas/reports.js';
import type { Area, RollupResponse } from '../../../shared/schemas/areas.js';
import { UNIT_KINDS } from '../../../shared/domain/catalogue.js';
import { onboardedShare, rankRollup } from '../../../shared/domain/rollup.js';
import { readSettings } from '../../../db/queries/settings.js';
import { childAreas, findAreas } from '../../../db/queries/areas.js';
import { allLaggards, completionsByDay, countUnits, inReportTransaction, reasonCounts, rollupGroups, type ReportFilter, type SummaryGroup } from '../../../db/queries/reports/index.js';
import { fail } from '../../lib/errors.js';
import { addUp, reportContext, scorecards, withNotices } from '../../lib/reports.js';

export async function laggardsForExport(db: DbOrTx, q: ReportFilter) {
  const ctx = await reportContext(db, q.asOf);
  const items = await inReportTransaction(db, async (tx) => withNotices(tx, await allLaggards(tx, ctx, q), true));
  return { ctx, items };
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
export async function rollupReport(db: DbOrTx, parent: Area | null, asOf?: string, now?: Date, compareDays?: number): Promise<RollupResponse> {
  const ctx = await reportContext(db, asOf, now);
  const before = compareDays ? await reportContext(db, addDays(ctx.asOf, -compareDays), now) : null;
  const by = parent === null ? 'province' : parent.level === 'province' ? 'city' : parent.level === 'city' ? 'county' : 'kind';
  const [groups, earlier] = await inReportTransaction(db, async (tx) => [
    await rollupGroups(tx, ctx, parent?.code ?? null, by),
    before ? await rollupGroups(tx, before, parent?.code ?? null, by) : [],
  ] as const);
  const byChild = groupByChild(groups);

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
  // each child's share coloured by its own thresholds; a kind of unit by its county's
  const card = await scorecards(db);
  const items = ranked(children, byChild).map((r) => ({
    ...r,
    scorecard: card(r.area.level === 'kind' ? (parent?.code ?? null) : r.area.level === 'unplaced' ? null : r.area.code, r.onboardedShare),
  }));
  if (!before) return { asOf: ctx.asOf, parent, items };
  // the same children then: a child's rank among the same children as of that day
  const then = new Map(ranked(children, groupByChild(earlier)).map(({ area, ...r }) => [`${area.level}:${area.code}`, r]));
  return {
    asOf: ctx.asOf,
    parent,
    previousAsOf: before.asOf,
    items: items.map((r) => {
      const p = then.get(`${r.area.level}:${r.area.code}`)!;
      return { ...r, previous: { totalUnits: p.totalUnits, onboarded: p.onboarded, onboardedShare: p.onboardedShare, stages: p.stages, laggards: p.laggards, byCategory: p.byCategory, rank: p.rank } };
    }),
  };
}

function groupByChild(groups: readonly (SummaryGroup & { child: string | null })[]) {
  const byChild = new Map<string | null, SummaryGroup[]>();
  for (const g of groups) byChild.set(g.child, [...(byChild.get(g.child) ?? []), g]);
  return byChild;
}

/** The children's rows from their groups, ranked; unplaced units are no area's: ranked after the areas. */
function ranked(children: RollupResponse['items'][number]['area'][], byChild: Map<string | null, SummaryGroup[]>) {
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
  const areas = rankRollup(rows.filter((r) => r.area.level !== 'unplaced'));
  const unplaced = rows.filter((r) => r.area.level === 'unplaced').map((r) => ({ ...r, rank: areas.length + 1 }));
  return [...areas, ...unplaced].map(({ code: _code, ...r }) => r);
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

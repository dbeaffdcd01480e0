// The roll-up of an area's children (GET /api/reports/areas), with the figures compareDays before:
// the reports feature answers it, the meeting screen (display links) shows it.
import type { DbOrTx } from '../../db/client.js';
import type { Area, RollupResponse } from '../../shared/schemas/areas.js';
import { UNIT_KINDS } from '../../shared/domain/catalogue.js';
import { onboardedShare, rankRollup } from '../../shared/domain/rollup.js';
import { childAreas, findAreas } from '../../db/queries/areas.js';
import { inReportTransaction, rollupGroups, rollupTraining, type SummaryGroup } from '../../db/queries/reports/index.js';
import { trainingNumbersOf, type TrainingNumbersRow } from '../../db/queries/reports/training-numbers.js';
import type { TrainingNumbers } from '../../shared/schemas/training-numbers.js';
import { areaNoticeCounts, type AreaNoticeCounts } from '../../db/queries/notices.js';
import { addDays, today } from '../../shared/domain/dates.js';
import { addUp, reportContext, scorecards } from './reports.js';

/** How a roll-up names a county's children, its units' kinds. */
export const KIND_NAMES: Record<(typeof UNIT_KINDS)[number], string> = { township: '乡镇', department: '部门', other: '其他' };
const UNPLACED = { code: 'unplaced', name: '未归属区县', level: 'unplaced' } as const;

/**
 * GET /api/reports/areas: the children of `parent` (already narrowed by reportArea) side by
 * side, from one grouped pass over its units: a province's cities, a city's counties (every
 * child, a child without units too), a county's kinds of unit; at the top (the whole
 * installation) the provinces that have units, and the units without a county as "unplaced".
 */
export async function rollupReport(db: DbOrTx, parent: Area | null, asOf?: string, now?: Date, compareDays?: number, root: object | null = null): Promise<RollupResponse> {
  const ctx = await reportContext(db, asOf, now);
  const before = compareDays ? await reportContext(db, addDays(ctx.asOf, -compareDays), now) : null;
  const by = parent === null ? 'province' : parent.level === 'province' ? 'city' : parent.level === 'city' ? 'county' : 'kind';
  const [groups, earlier, people] = await inReportTransaction(db, async (tx) => [
    // `root`: the database the answers are kept for (db/queries/reports/memo.ts); null: none kept
    await rollupGroups(tx, ctx, parent?.code ?? null, by, root ?? undefined),
    before ? await rollupGroups(tx, before, parent?.code ?? null, by, root ?? undefined) : [],
    await rollupTraining(tx, ctx, parent?.code ?? null, by, root ?? undefined),
  ] as const);
  const trainingOf = trainingByChild(people);
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
  // the 督办 each child area got from above (areas only: a county's kinds of unit get none)
  const dubang = by === 'kind' ? new Map<string, AreaNoticeCounts>() : await areaNoticeCounts(db, parent?.code ?? null, today(ctx.rules.timezone, now));
  const items = ranked(children, byChild, ctx.asOf).map((r) => ({
    ...r,
    training: trainingOf(r.area.level === 'unplaced' ? null : r.area.code),
    scorecard: card(r.area.level === 'kind' ? (parent?.code ?? null) : r.area.level === 'unplaced' ? null : r.area.code, r.onboardedShare),
    ...(by === 'kind' || r.area.level === 'unplaced' ? {} : { dubang: dubang.get(r.area.code) ?? { count: 0, answered: 0, overdue: 0 } }),
  }));
  if (!before) return { asOf: ctx.asOf, parent, items };
  // the same children then: a child's rank among the same children as of that day
  const then = new Map(ranked(children, groupByChild(earlier), before.asOf).map(({ area, ...r }) => [`${area.level}:${area.code}`, r]));
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

/** Each child's training numbers (zeros for a child without units). */
function trainingByChild(rows: readonly TrainingNumbersRow[]) {
  const by = new Map(rows.map((r) => [r.code, r]));
  return (child: string | null): TrainingNumbers => trainingNumbersOf(by.get(child));
}

function groupByChild(groups: readonly (SummaryGroup & { child: string | null })[]) {
  const byChild = new Map<string | null, SummaryGroup[]>();
  for (const g of groups) {
    const of = byChild.get(g.child);
    if (of) of.push(g);
    else byChild.set(g.child, [g]);
  }
  return byChild;
}

/** The children's rows from their groups, ranked; unplaced units are no area's: ranked after the areas. */
function ranked(children: RollupResponse['items'][number]['area'][], byChild: Map<string | null, SummaryGroup[]>, asOf: string) {
  const rows = children.map((area) => {
    const f = addUp(byChild.get(area.level === 'unplaced' ? null : area.code) ?? [], asOf);
    return {
      area,
      code: area.code,
      totalUnits: f.totalUnits,
      onboarded: f.onboarded,
      onboardedShare: onboardedShare(f),
      stages: { wiring: { done: f.stages.wiring.done }, connection: { done: f.stages.connection.done }, registration: { done: f.stages.registration.done } },
      laggards: f.laggards,
      byCategory: f.byCategory,
      // "The record": the child's office's own backlog, shown to the level above
      reviewOverdue: f.reviewOverdue,
    };
  });
  const areas = rankRollup(rows.filter((r) => r.area.level !== 'unplaced'));
  const unplaced = rows.filter((r) => r.area.level === 'unplaced').map((r) => ({ ...r, rank: areas.length + 1 }));
  return [...areas, ...unplaced].map(({ code: _code, ...r }) => r);
}


// How the children of a roll-up rank (docs/contract/areas.md "Roll-ups": the rule is the project's, documented
// and shown). One table, read in order: the first key that tells two children apart decides.
// A child with every unit onboarded has share 1 and, onboarded units never lagging, no laggard:
// it ranks first. A child without units has nothing to compare and ranks last.

export interface RollupFigures {
  code: string;
  totalUnits: number;
  onboarded: number;
  laggards: number;
}

export const onboardedShare = (f: Pick<RollupFigures, 'totalUnits' | 'onboarded'>) => (f.totalUnits === 0 ? 0 : f.onboarded / f.totalUnits);
export const laggardsPerUnit = (f: Pick<RollupFigures, 'totalUnits' | 'laggards'>) => (f.totalUnits === 0 ? 0 : f.laggards / f.totalUnits);

/** The rank rule, key by key; `key` names its i18n text (web: `rollup.rank.<key>`). */
export const ROLLUP_RANK = [
  { key: 'hasUnits', order: 'desc', value: (f: RollupFigures) => (f.totalUnits > 0 ? 1 : 0), zh: '有单位的在前', en: 'children with units first' },
  { key: 'onboardedShare', order: 'desc', value: onboardedShare, zh: '完成率高者在前', en: 'higher share onboarded first' },
  { key: 'laggardsPerUnit', order: 'asc', value: laggardsPerUnit, zh: '落后单位占单位数的比例低者在前', en: 'fewer laggards per unit first' },
] as const satisfies readonly { key: string; order: 'asc' | 'desc'; value: (f: RollupFigures) => number; zh: string; en: string }[];

export type RollupRankKey = (typeof ROLLUP_RANK)[number]['key'];
/** the rule's keys in order, for the dashboard's legend */
export const ROLLUP_RANK_KEYS: readonly RollupRankKey[] = ROLLUP_RANK.map((r) => r.key);

/** The whole rule in one sentence, as the files print it under their title. */
export const ROLLUP_RANK_TEXT = {
  zh: `排名：${ROLLUP_RANK.map((r) => r.zh).join('，')}，再按代码。`,
  en: `Rank: ${ROLLUP_RANK.map((r) => r.en).join(', ')}, then by code.`,
};

export function compareRollup(a: RollupFigures, b: RollupFigures): number {
  for (const r of ROLLUP_RANK) {
    const d = r.value(a) - r.value(b);
    if (d !== 0) return r.order === 'asc' ? d : -d;
  }
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** Each child's rank, 1 = best: its place in the order above (codes differ, so no ties). */
export function rankRollup<T extends RollupFigures>(rows: readonly T[]): (T & { rank: number })[] {
  return [...rows].sort(compareRollup).map((r, i) => ({ ...r, rank: i + 1 }));
}

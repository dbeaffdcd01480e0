// The roll-up's counts: the summary's groups, per child of the area.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../client.js';
import { rowsOf } from '../../rows.js';
import type { ReportContext } from './context.js';
import { groups, type SummaryGroup } from './summary.js';
import { trainingNumbersBy } from './training-numbers.js';
import { pastEnoughToKeep, questionOf, remembered } from './memo.js';

/**
 * The roll-up's groups: one pass over the area's units, grouped by the child each lies in: a
 * province's city (left(area_code, 4)), a city's county, a county's kinds; at the top the
 * provinces (null: the units without a county).
 */
export async function rollupGroups(db: DbOrTx, ctx: ReportContext, area: string | null, by: RollupBy, root?: object) {
  const run = () => rowsOf<SummaryGroup & { child: string | null }>(db, groups(ctx, { area }, childOf(by, 'f')));
  // a past day's groups (the week before of every roll-up) are kept: memo.ts
  return root && pastEnoughToKeep(ctx) ? remembered(root, db, ['rollupGroups', questionOf(ctx), area, by], run) : run();
}

export type RollupBy = 'province' | 'city' | 'county' | 'kind';

/** The child a unit (alias `u` or `f`) lies in, for a roll-up by `by`. */
const childOf = (by: RollupBy, alias: 'f' | 'u') =>
  by === 'kind' ? sql.raw(`${alias}.kind`) : by === 'county' ? sql.raw(`${alias}.area_code`) : sql.raw(`left(${alias}.area_code, ${by === 'city' ? 4 : 2})`);

/**
 * The training numbers (GET /api/reports/training's counts) per child of the roll-up; they read no
 * step, so any day's are kept (memo.ts) while no unit or training record changes.
 */
export const rollupTraining = (db: DbOrTx, ctx: ReportContext, area: string | null, by: RollupBy, root?: object) => {
  const run = () => trainingNumbersBy(db, ctx, area, childOf(by, 'u'));
  return root ? remembered(root, db, ['rollupTraining', questionOf(ctx), area, by], run) : run();
};

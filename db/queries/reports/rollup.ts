// The roll-up's counts: the summary's groups, per child of the area.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../client.js';
import { rowsOf } from '../../rows.js';
import type { ReportContext } from './context.js';
import { groups, type SummaryGroup } from './summary.js';

/**
 * The roll-up's groups: one pass over the area's units, grouped by the child each lies in: a
 * province's city (left(area_code, 4)), a city's county, a county's kinds; at the top the
 * provinces (null: the units without a county).
 */
export async function rollupGroups(db: DbOrTx, ctx: ReportContext, area: string | null, by: 'province' | 'city' | 'county' | 'kind') {
  const child = by === 'kind' ? sql`f.kind` : by === 'county' ? sql`f.area_code` : sql.raw(`left(f.area_code, ${by === 'city' ? 4 : 2})`);
  return rowsOf<SummaryGroup & { child: string | null }>(db, groups(ctx, { area }, child));
}

// The reasons given for refusals and postponements, counted.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../client.js';
import { rowsOf } from '../../rows.js';
import { endOfDay } from '../../../shared/domain/dates.js';
import { STEP_TYPES } from '../../../shared/domain/steps.js';
import { inScopeSql } from '../reach.js';
import { at, quote } from './context.js';

/** Live refusals and postponements that had happened by the end of `asOf`, by reasonCode. */
export async function reasonCounts(db: DbOrTx, asOf: string, tz: string, area?: string | null) {
  const ofArea = area ? sql` and unit_id in (select u.id from units u where ${inScopeSql(area)})` : sql``;
  const types = sql.raw(STEP_TYPES.filter((t) => t === 'wiring.refused' || t.endsWith('.postponed')).map(quote).join(', '));
  return rowsOf<{ reason_code: string | null; n: number }>(
    db,
    sql`select data ->> 'reasonCode' as reason_code, count(*)::int as n from steps
      where type in (${types}) and not voided and occurred_at < ${at(endOfDay(asOf, tz))}${ofArea}
      group by 1 order by 2 desc, 1 nulls last`,
  );
}

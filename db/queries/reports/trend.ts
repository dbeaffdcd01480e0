// The trend: per day, how many units finished each stage; and how many units there are.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../client.js';
import { rowsOf } from '../../rows.js';
import type { Stage } from '../../../shared/domain/steps.js';
import { inScopeSql } from '../reach.js';
import { dayIn, quote } from './context.js';

const COMPLETIONS = { 'wiring.completed': 'wiring', 'connection.completed': 'connection', 'registration.verified': 'registration' } as const;

/** Per stage and day: how many units finished the stage that day (their live completing step). */
export async function completionsByDay(db: DbOrTx, tz: string, area?: string | null) {
  const types = sql.raw(Object.keys(COMPLETIONS).map(quote).join(', '));
  const ofArea = area ? sql` and unit_id in (select u.id from units u where ${inScopeSql(area)})` : sql``;
  return rowsOf<{ stage: Stage; day: number; n: number }>(
    db,
    sql`select stage, day, count(*)::int as n from (
        select unit_id, stage, min(${dayIn(sql`occurred_at`, tz)}) as day
        from steps where type in (${types}) and not voided${ofArea}
        group by unit_id, stage
      ) s group by stage, day`,
  );
}

export async function countUnits(db: DbOrTx, area?: string | null): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from units u where ${inScopeSql(area)}`);
  return row.n;
}

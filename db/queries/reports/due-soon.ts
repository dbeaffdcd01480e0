// Due soon (临近到期): the units no flag applies to yet whose next open due date falls within the
// window. The due dates are the facts' own (facts.ts), the very columns the laggard rules compare
// (flags.ts): a change to how a unit's due date is found moves both together.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../client.js';
import { rowsOf } from '../../rows.js';
import { dayNumber } from '../../../shared/domain/dates.js';
import { dayIn, type ReportContext } from './context.js';
import { facts, perUnit, type UnitFilter } from './facts.js';
import { flagRules, forArea } from './flags.js';

export interface DueSoonRow {
  id: string;
  code: string;
  name: string;
  kind: 'township' | 'department' | 'other';
  area_code: string | null;
  /** each open stage's due day (days since 1970), null when done or not set */
  w_due: number | null;
  c_due: number | null;
  r_due: number | null;
  total: number;
}

/** One page of the units due within `days` of asOf, the soonest first (then by code). */
export async function dueSoonPage(db: DbOrTx, whole: ReportContext, filter: UnitFilter, days: number, page: { page: number; pageSize: number }): Promise<DueSoonRow[]> {
  const ctx = forArea(whole, filter.area);
  const tz = ctx.rules.timezone;
  const lo = dayNumber(ctx.asOf);
  const hi = lo + days;
  const grace = perUnit(ctx).has('registrationGraceDays') ? sql.raw('grace_days') : sql`${ctx.rules.registrationGraceDays}::int`;
  const lagging = sql.join(
    Object.values(flagRules(ctx)).map((f) => sql`(${f.applies})`),
    sql` or `,
  );
  const inWindow = (col: string) => sql.raw(`case when ${col} between ${lo} and ${hi} then ${col} end`);
  return rowsOf<DueSoonRow>(
    db,
    sql`select id, code, name, kind, area_code, w_due, c_due, r_due, count(*) over ()::int as total
      from (
        select f.id, f.code, f.name, f.kind, f.area_code,
          case when r <> 'done' and w <> 'done' then wiring_due_day end as w_due,
          case when r <> 'done' and c <> 'done' then connection_due_day end as c_due,
          case when r <> 'done' and r <> 'in_progress' and c = 'done' then ${dayIn('connection_at', tz)} + ${grace} end as r_due,
          coalesce(${lagging}, false) as lagging
        from (${facts(ctx, filter)}) f
        offset 0
      ) d
      where not lagging and least(${inWindow('w_due')}, ${inWindow('c_due')}, ${inWindow('r_due')}) is not null
      order by least(${inWindow('w_due')}, ${inWindow('c_due')}, ${inWindow('r_due')}), code
      limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`,
  );
}

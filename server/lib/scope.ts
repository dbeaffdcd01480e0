// The scope as SQL: the same prefix test as shared/domain/areas.ts's inScope, over a column
// holding a county code (a unit's area_code) or any area code (a user's scope). The prefix is
// matched with LIKE, which units_area_idx (text_pattern_ops) answers for any level.
import { sql, type SQL } from 'drizzle-orm';
import { AREA_CODE } from '../../shared/domain/areas.js';

/** `column` lies inside `scope`; the whole installation (null) is every row, a null column too. */
export function inScopeSql(scope: string | null | undefined, column: SQL = sql`u.area_code`): SQL {
  if (scope === null || scope === undefined) return sql`true`;
  // digits only, so the pattern needs no escaping; anything else is a bug upstream, not a filter
  if (!AREA_CODE.test(scope)) throw new Error(`not an area code: ${JSON.stringify(scope)}`);
  return sql`${column} like ${`${scope}%`}`;
}

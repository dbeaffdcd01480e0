// The scope as SQL: the same prefix test as shared/domain/areas.ts's inScope, over a column
// holding a county code (a unit's area_code) or any area code (a user's scope). The prefix is
// matched with LIKE, which units_area_idx (text_pattern_ops) answers for any level.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { areas } from '../../db/schema/index.js';
import { AREA_CODE, inScope } from '../../shared/domain/areas.js';
import { fail } from './errors.js';

/** `column` lies inside `scope`; the whole installation (null) is every row, a null column too. */
export function inScopeSql(scope: string | null | undefined, column: SQL = sql`u.area_code`): SQL {
  if (scope === null || scope === undefined) return sql`true`;
  // digits only, so the pattern needs no escaping; anything else is a bug upstream, not a filter
  if (!AREA_CODE.test(scope)) throw new Error(`not an area code: ${JSON.stringify(scope)}`);
  return sql`${column} like ${`${scope}%`}`;
}

/**
 * The scope an office gives a user or a channel: a code that names an area (else a 400 naming
 * `field`) lying inside the office's own scope `within` (else a 403); null, the whole
 * installation, only from a whole-installation office.
 */
export async function requireScopeWithin(db: DbOrTx, scope: string | null, within: string | null, field = 'scope'): Promise<void> {
  if (scope !== null) {
    const [row] = await db.select({ code: areas.code }).from(areas).where(eq(areas.code, scope)).limit(1);
    if (!row) {
      const message = `辖区 ${scope} 不是已知的行政区划代码`;
      throw fail.validation(message, [{ field, message }]);
    }
  }
  if (!inScope(within, scope)) throw fail.forbidden('只能把辖区设在本人的辖区之内');
}

// The caller's reach: what a read may return and a write may touch, applied in SQL so that a thing
// outside it is simply no row (the same 404 as an id that names nothing, from one read). A unit's
// contact reaches its own unit; anyone else the units and users inside its area scope (null: the
// whole installation). The pure form of the scope test is shared/domain/areas.ts's inScope.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { rowsOf } from '../rows.js';
import { AREA_CODE } from '../../shared/domain/areas.js';
import type { Role } from '../../shared/domain/catalogue.js';

export type Reach = { role: 'unit'; unitId: string | null } | { role: Exclude<Role, 'unit'>; scope: string | null };

/** The reach of a user as the session holds it. */
export const reachOf = (u: { role: Role; unitId: string | null; scope: string | null }): Reach =>
  u.role === 'unit' ? { role: 'unit', unitId: u.unitId } : { role: u.role, scope: u.scope };

/** The area scope of a reach: a unit's contact has none of its own (its unit decides). */
export const scopeOf = (reach: Reach): string | null | undefined => (reach.role === 'unit' ? undefined : reach.scope);

/** `column` (a county code, or any area code) lies inside `scope`; null scope: every row, a null column too. */
export function inScopeSql(scope: string | null | undefined, column: SQL = sql`u.area_code`): SQL {
  if (scope === null || scope === undefined) return sql`true`;
  // digits only, so the pattern needs no escaping; anything else is a bug upstream, not a filter
  if (!AREA_CODE.test(scope)) throw new Error(`not an area code: ${JSON.stringify(scope)}`);
  return sql`${column} like ${`${scope}%`}`;
}

/**
 * The unit row aliased `unit` (by its id and county columns) lies inside the reach: its own unit
 * for a unit's contact, its scope's units for anyone else.
 */
export function unitInReach(reach: Reach, unit: { id: SQL; area: SQL } = { id: sql`u.id`, area: sql`u.area_code` }): SQL {
  if (reach.role === 'unit') return reach.unitId ? sql`${unit.id} = ${reach.unitId}::uuid` : sql`false`;
  return inScopeSql(reach.scope, unit.area);
}

/**
 * The acting user's reach as it is now, read under a share lock on the user's row inside a write's
 * transaction: a request that passed its checks before an office narrowed (or disabled) the user
 * acts under what the user may do now, and the narrowing waits for the write. Undefined when the
 * user is gone or disabled.
 */
export async function lockedReach(tx: DbOrTx, userId: string): Promise<Reach | undefined> {
  const [me] = await rowsOf<{ role: Role; unit_id: string | null; scope: string | null; disabled: boolean }>(
    tx,
    sql`select role, unit_id, scope, disabled from users where id = ${userId}::uuid for share`,
  );
  if (!me || me.disabled) return undefined;
  return reachOf({ role: me.role, unitId: me.unit_id, scope: me.scope });
}

// The request-level checks of a caller's scope, beside the SQL reach (db/queries/reach.ts): the
// area a request covers, and the scope an office may give a user or a channel.
import { findArea } from '../../db/queries/areas.js';
import { inScope, narrowTo } from '../../shared/domain/areas.js';
import type { Area } from '../../shared/schemas/areas.js';
import { fail } from './errors.js';

export { inScopeSql } from '../../db/queries/reach.js';

/**
 * The area a request covers: the one it names (`area=`, `parent=`) when that exists and lies
 * inside the caller's scope, else the caller's scope; null is the whole installation. Anything
 * else answers 404, as an area that names nothing.
 */
export async function areaFor(db: Parameters<typeof findArea>[0], actor: { scope: string | null }, requested: string | null | undefined): Promise<Area | null> {
  const narrowed = narrowTo(actor.scope, requested);
  if (!narrowed.ok) throw fail.notFound('area');
  if (narrowed.area === null) return null;
  const area = await findArea(db, narrowed.area);
  if (!area) throw fail.notFound('area');
  return area;
}

/**
 * The scope an office gives a user or a channel: a code that names an area (else a 400 naming
 * `field`) lying inside the office's own scope `within` (else a 403); null, the whole
 * installation, only from a whole-installation office.
 */
export async function requireScopeWithin(db: Parameters<typeof findArea>[0], scope: string | null, within: string | null, field = 'scope'): Promise<void> {
  if (scope !== null && !(await findArea(db, scope))) {
    const message = `辖区 ${scope} 不是已知的行政区划代码`;
    throw fail.validation(message, [{ field, message }]);
  }
  if (!inScope(within, scope)) throw fail.forbidden('只能把辖区设在本人的辖区之内');
}

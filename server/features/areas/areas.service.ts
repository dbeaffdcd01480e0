// The area tree as a caller sees it: its scope's subtree only (docs/contract/areas.md "Scopes"). An area
// outside the scope, or a code that names none, is a 404 alike.
import type { DbOrTx } from '../../../db/client.js';
import { childAreas, findArea, findAreas } from '../../../db/queries/areas.js';
import { ancestorCodes, inScope } from '../../../shared/domain/areas.js';
import type { Area } from '../../../shared/schemas/areas.js';
import type { Actor } from '../../lib/actor.js';
import { fail } from '../../lib/errors.js';
import { areaFor } from '../../lib/scope.js';

const notFound = () => fail.notFound('area');

/** GET /api/areas?parent=: without one, the provinces, or a scoped caller's own area. */
export async function listAreas(db: DbOrTx, actor: Actor, parent?: string): Promise<{ items: Area[] }> {
  if (parent === undefined) {
    if (actor.scope === null) return { items: await childAreas(db, null) };
    const own = await findArea(db, actor.scope);
    return { items: own ? [own] : [] };
  }
  const area = await areaFor(db, actor, parent);
  return { items: await childAreas(db, area!.code) };
}

/** GET /api/areas/:code: the area and its ancestors, top first (the breadcrumb). */
export async function getArea(db: DbOrTx, actor: Actor, code: string): Promise<{ area: Area; ancestors: Area[] }> {
  if (!inScope(actor.scope, code)) throw notFound();
  const area = await findArea(db, code);
  if (!area) throw notFound();
  return { area, ancestors: await findAreas(db, ancestorCodes(code)) };
}

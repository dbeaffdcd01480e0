// The area tree as a caller sees it: its scope's subtree only (areas.md "Scopes"). An area
// outside the scope, or a code that names none, is a 404 alike.
import type { DbOrTx } from '../../../db/client.js';
import { ancestorCodes, inScope, narrowTo } from '../../../shared/domain/areas.js';
import type { Area } from '../../../shared/schemas/areas.js';
import type { Actor } from '../../lib/actor.js';
import { fail } from '../../lib/errors.js';
import { childAreas, findArea, findAreas } from './areas.repository.js';

const notFound = () => fail.notFound('area');

/**
 * The area a request covers: the one it names (`area=`, `parent=`) when that exists and lies
 * inside the caller's scope, else the caller's scope; null is the whole installation. Anything
 * else answers 404.
 */
export async function areaFor(db: DbOrTx, actor: Pick<Actor, 'scope'>, requested: string | null | undefined): Promise<Area | null> {
  const narrowed = narrowTo(actor.scope, requested);
  if (!narrowed.ok) throw notFound();
  if (narrowed.area === null) return null;
  const area = await findArea(db, narrowed.area);
  if (!area) throw notFound();
  return area;
}

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

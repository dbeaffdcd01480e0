// The answer to a unit read that found no row through the caller's reach: a unit's contact asking
// for another unit is refused as such (403, it knows the unit is not its own); anyone else gets the
// 404 an id that names nothing gets, whether the unit is outside the scope or does not exist.
import type { Reach } from '../../db/queries/reach.js';
import { fail, type ApiError } from './errors.js';

export function unitOutOfReach(actor: { reach: Reach }, unitId: string): ApiError {
  const { reach } = actor;
  if (reach.role === 'unit' && reach.unitId !== unitId) return fail.forbidden('a unit contact may read only its own unit');
  return fail.notFound('unit');
}

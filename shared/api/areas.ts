// The area tree (docs/contract/api.md "Areas and scopes"): pickers and breadcrumbs, inside one's scope.
import { z } from 'zod';
import { AreaResponse, AreasQuery, AreasResponse } from '../schemas/areas.js';
import { endpoint } from './endpoint.js';
import { readers } from './roles.js';

const tag = 'areas';

export const areasApi = {
  /** the children of `parent` (the provinces, or a scoped caller's own area, without one) */
  list: endpoint({ method: 'GET', path: '/api/areas', tag, access: { roles: readers, scope: 'filtered' }, query: AreasQuery, response: { 200: AreasResponse } }),
  /** any code is taken: one that names no area, or one outside the scope, is a 404 */
  get: endpoint({
    method: 'GET',
    path: '/api/areas/:code',
    tag,
    access: { roles: readers, scope: 'filtered' },
    params: z.object({ code: z.string() }),
    response: { 200: AreaResponse },
  }),
};

// Issued bulletins (通报, docs/contract/api.md "The record"): an office issues the bulletin of its
// board as it stands; offices and viewers list and reprint those of the areas in their scope.
import { IdParams } from '../schemas/common.js';
import { BulletinList, BulletinListQuery, BulletinResponse, IssueBulletin } from '../schemas/bulletins.js';
import { endpoint } from './endpoint.js';
import { office, overseers } from './roles.js';

const tag = 'bulletins';

export const bulletinsApi = {
  issue: endpoint({ method: 'POST', path: '/api/bulletins', tag, access: { roles: office, scope: 'filtered' }, body: IssueBulletin, response: { 201: BulletinResponse } }),
  list: endpoint({ method: 'GET', path: '/api/bulletins', tag, access: { roles: overseers, scope: 'filtered' }, query: BulletinListQuery, response: { 200: BulletinList } }),
  /** one outside the caller's scope is no row: 404 */
  get: endpoint({ method: 'GET', path: '/api/bulletins/:id', tag, access: { roles: overseers, scope: 'filtered' }, params: IdParams, response: { 200: BulletinResponse } }),
};

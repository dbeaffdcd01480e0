// The accounts an office manages: the users inside its scope only, and none given a wider scope
// than the office's own (server/features/users/users.service.ts).
import { IdParams } from '../schemas/common.js';
import { CreateUser, PatchUser, UserList, UserListQuery, UserResponse } from '../schemas/users.js';
import { endpoint } from './endpoint.js';
import { office } from './roles.js';

const tag = 'users';

export const usersApi = {
  create: endpoint({ method: 'POST', path: '/api/users', tag, access: { roles: office, scope: 'filtered' }, body: CreateUser, response: { 201: UserResponse } }),
  list: endpoint({ method: 'GET', path: '/api/users', tag, access: { roles: office, scope: 'filtered' }, query: UserListQuery, response: { 200: UserList } }),
  /** a user outside the office's scope is the unknown id's 404 */
  update: endpoint({
    method: 'PATCH',
    path: '/api/users/:id',
    tag,
    access: { roles: office, scope: 'user' },
    params: IdParams,
    body: PatchUser,
    response: { 200: UserResponse },
  }),
};

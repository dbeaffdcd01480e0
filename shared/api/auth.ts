// Logging in and out, the signed-in user, and changing one's own password. Login and logout are
// public: logout ends whatever session the cookie names, and none is no error.
import { ChangePasswordBody, LoginBody, MeResponse } from '../schemas/auth.js';
import { endpoint } from './endpoint.js';

const tag = 'auth';
const none = 'none' as const;

export const authApi = {
  login: endpoint({ method: 'POST', path: '/api/auth/login', tag, access: { roles: 'public', scope: none }, body: LoginBody, response: { 200: MeResponse } }),
  logout: endpoint({ method: 'POST', path: '/api/auth/logout', tag, access: { roles: 'public', scope: none } }),
  me: endpoint({ method: 'GET', path: '/api/auth/me', tag, access: { roles: 'any', scope: none }, response: { 200: MeResponse } }),
  /** one's own password, checked against the current one: every role */
  password: endpoint({
    method: 'POST',
    path: '/api/auth/password',
    tag,
    summary: 'change one’s own password; ends one’s other sessions',
    access: { roles: 'any', scope: none },
    body: ChangePasswordBody,
  }),
};

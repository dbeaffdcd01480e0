// Who may call which route, and how the route keeps to the caller's scope: the one table of
// roles × routes × scope. Every /api route must have a row with both (the app refuses to start
// otherwise), the access test walks the roles and the scope matrix test walks the scopes.
import type { Role } from '../shared/domain/catalogue.js';
import { DECLARED_ACCESS, SCOPE_KINDS, type Access, type Roles, type ScopeKind } from '../shared/api/index.js';

export { SCOPE_KINDS, type Roles, type ScopeKind } from '../shared/api/endpoint.js';
export type Rule = Access;

const office: readonly Role[] = ['office'];
const overseers: readonly Role[] = ['office', 'viewer'];

const rule = (roles: Roles, scope: ScopeKind): Rule => ({ roles, scope });

// Routes not yet declared in shared/api (moving there feature by feature)
const UNDECLARED: Record<string, Rule> = {

  // a unit's contact hears only its own unit's steps, a scoped user its scope's: in the route
  'GET /api/live': rule('any', 'filtered'),

  // a scoped office: the entries about its scope's units and users (audit.repository.ts)
  'GET /api/audit': rule(office, 'filtered'),

  // the group robots: their addresses are secrets, so the office alone sees even their list
  'POST /api/channels': rule(office, 'filtered'),
  'GET /api/channels': rule(office, 'filtered'),
  'PATCH /api/channels/:id': rule(office, 'channel'),
  'DELETE /api/channels/:id': rule(office, 'channel'),
  'POST /api/channels/:id/test': rule(office, 'channel'),
  'GET /api/channels/:id/deliveries': rule(office, 'channel'),
  // urging notices (催办): a unit's contact sees and answers its own unit's only (the service)
  'POST /api/units/:id/notices': rule(office, 'unit'),
  'POST /api/notices/batch': rule(office, 'filtered'),
  'GET /api/notices': rule(['office', 'viewer', 'unit'], 'filtered'),
  'GET /api/notices/:id': rule(['office', 'viewer', 'unit'], 'notice'),
  'POST /api/notices/:id/answer': rule(['unit'], 'notice'),
  'POST /api/notices/:id/withdraw': rule(office, 'notice'),
};

export const ACCESS: Record<string, Rule> = { ...UNDECLARED, ...DECLARED_ACCESS };

export const accessKey = (method: string, url: string) => `${method} ${url}`;

/** A route of the API proper: the access table, the text check. Its docs are not. */
export const isApi = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

/** Why a row cannot be used, or null: the start-up check and the request-time check share it. */
export function ruleProblem(row: Rule | undefined): string | null {
  if (!row) return 'no access rule';
  if (!(SCOPE_KINDS as readonly string[]).includes(row.scope)) return 'no scope rule';
  return null;
}

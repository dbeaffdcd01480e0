// Who may call which route, and how the route keeps to the caller's scope: the one table of
// roles × routes × scope. Every /api route must have a row with both (the app refuses to start
// otherwise), the access test walks the roles and the scope matrix test walks the scopes.
import type { Role } from '../shared/domain/catalogue.js';
import { DECLARED_ACCESS, SCOPE_KINDS, type Access, type Roles, type ScopeKind } from '../shared/api/index.js';

export { SCOPE_KINDS, type Roles, type ScopeKind } from '../shared/api/endpoint.js';
export type Rule = Access;

const all: readonly Role[] = ['office', 'technician', 'unit', 'viewer'];
const office: readonly Role[] = ['office'];
const readers: readonly Role[] = ['office', 'technician', 'viewer'];
const overseers: readonly Role[] = ['office', 'viewer'];

const rule = (roles: Roles, scope: ScopeKind): Rule => ({ roles, scope });

// Routes not yet declared in shared/api (moving there feature by feature)
const UNDECLARED: Record<string, Rule> = {
  'GET /healthz': rule('public', 'none'),
  'GET /readyz': rule('public', 'none'),
  'POST /api/auth/login': rule('public', 'none'),
  'POST /api/auth/logout': rule('public', 'none'),
  'GET /api/auth/me': rule('any', 'none'),
  // one's own password, checked against the current one: every role
  'POST /api/auth/password': rule('any', 'none'),

  // the users inside one's scope only, and none with a wider scope (users.service.ts)
  'POST /api/users': rule(office, 'filtered'),
  'GET /api/users': rule(office, 'filtered'),
  'PATCH /api/users/:id': rule(office, 'user'),

  'POST /api/units': rule(office, 'filtered'),
  'GET /api/units': rule(readers, 'filtered'),
  // the full list as files: the same readers
  'GET /api/units.csv': rule(readers, 'filtered'),
  'GET /api/units.xlsx': rule(readers, 'filtered'),
  // a unit's contact reads its own unit only: checked in the route
  'GET /api/units/:id': rule(all, 'unit'),
  'PATCH /api/units/:id': rule(office, 'unit'),
  'POST /api/units/import': rule(office, 'filtered'),
  'GET /api/units/import/template.csv': rule(office, 'none'),
  'GET /api/units/import/template.xlsx': rule(office, 'none'),
  'POST /api/units/assign': rule(office, 'filtered'),

  // which step types each role may record is the stage machine's table (shared/domain/steps.ts)
  'POST /api/units/:id/events': rule(['office', 'technician', 'unit'], 'unit'),
  'GET /api/units/:id/events': rule(all, 'unit'),
  'POST /api/events/:id/void': rule(office, 'event'),
  'GET /api/events': rule(overseers, 'filtered'),

  'GET /api/settings': rule('any', 'filtered'),
  'PUT /api/settings': rule(office, 'filtered'),

  'GET /api/reports/summary': rule(overseers, 'filtered'),
  'GET /api/reports/laggards': rule(overseers, 'filtered'),
  'GET /api/reports/laggards.csv': rule(overseers, 'filtered'),
  'GET /api/reports/laggards.xlsx': rule(overseers, 'filtered'),
  'GET /api/reports/trend': rule(overseers, 'filtered'),
  'GET /api/reports/reasons': rule(overseers, 'filtered'),
  // the roll-up of a scope's children (areas.md "Roll-ups"); a parent outside the scope: 404
  'GET /api/reports/areas': rule(overseers, 'filtered'),
  'GET /api/reports/areas.csv': rule(overseers, 'filtered'),
  'GET /api/reports/areas.xlsx': rule(overseers, 'filtered'),
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

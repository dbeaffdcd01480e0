// Who may call which route, and how the route keeps to the caller's scope: the one table of
// roles × routes × scope, read from the endpoints' declarations (shared/api). Every /api route
// must have a row with both (the app refuses to start otherwise); the access test walks the roles
// against a table of its own and the scope matrix test walks the scopes.
import { DECLARED_ACCESS, SCOPE_KINDS, type Access } from '../shared/api/index.js';

export { SCOPE_KINDS, type Roles, type ScopeKind } from '../shared/api/endpoint.js';
export type Rule = Access;

/** `METHOD /path` → its rule (a copy the tests may change to prove the checks refuse). */
export const ACCESS: Record<string, Rule> = { ...DECLARED_ACCESS };

export const accessKey = (method: string, url: string) => `${method} ${url}`;

/** A route of the API proper: the access table, the text check. Its docs are not. */
export const isApi = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

/** Why a row cannot be used, or null: the start-up check and the request-time check share it. */
export function ruleProblem(row: Rule | undefined): string | null {
  if (!row) return 'no access rule';
  if (!(SCOPE_KINDS as readonly string[]).includes(row.scope)) return 'no scope rule';
  return null;
}

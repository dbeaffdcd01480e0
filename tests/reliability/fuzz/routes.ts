// The write routes, read from the access table (server/access.ts): a new write route is fuzzed
// as soon as it has a row.
import { ACCESS } from '../../../server/access.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type IdKind = 'unit' | 'step' | 'user' | 'notice' | 'channel';
export interface Route {
  key: string;
  method: Method;
  path: string;
  /** what a `:param` of the path names: the access table's scope column says */
  idKind: IdKind;
  auth: boolean;
  /** who calls it most: the office where it may, else the one role that may (a notice's answer: its unit's contact) */
  mainCaller: 'office' | 'technician' | 'unit' | 'viewer';
}

function mainCallerOf(key: string): Route['mainCaller'] {
  const { roles } = ACCESS[key];
  if (!Array.isArray(roles) || roles.includes('office')) return 'office';
  return roles[0];
}

export const ROUTES: Route[] = Object.keys(ACCESS)
  .map((key) => key.split(' ') as [string, string])
  .filter(([method]) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
  .map(([method, path]) => {
    const scope = ACCESS[`${method} ${path}`].scope;
    const idKind: IdKind = scope === 'user' ? 'user' : scope === 'event' ? 'step' : scope === 'notice' ? 'notice' : scope === 'channel' ? 'channel' : 'unit';
    return { key: `${method} ${path}`, method: method as Method, path, idKind, auth: path.startsWith('/api/auth/'), mainCaller: mainCallerOf(`${method} ${path}`) };
  });

export function routeOf(key: string): Route {
  const route = ROUTES.find((r) => r.key === key);
  if (!route) throw new Error(`no route ${key}`);
  return route;
}

/** The read routes of the API, but the live stream (it never ends): their query strings are fuzzed. */
export const READ_ROUTES: Route[] = Object.keys(ACCESS)
  .map((key) => key.split(' ') as [string, string])
  .filter(([method, path]) => method === 'GET' && path.startsWith('/api/') && path !== '/api/live')
  .map(([method, path]) => ({ key: `${method} ${path}`, method: method as Method, path, idKind: 'unit' as const, auth: path.startsWith('/api/auth/'), mainCaller: mainCallerOf(`${method} ${path}`) }));

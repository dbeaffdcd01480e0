// The write routes, read from the access table (server/access.ts): a new write route is fuzzed
// as soon as it has a row.
import { ACCESS } from '../../../server/access.js';

export type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type IdKind = 'unit' | 'step' | 'user' | 'notice';
export interface Route {
  key: string;
  method: Method;
  path: string;
  /** what a `:param` of the path names, read from the segment before it */
  idKind: IdKind;
  auth: boolean;
}

export const ROUTES: Route[] = Object.keys(ACCESS)
  .map((key) => key.split(' ') as [string, string])
  .filter(([method]) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
  .map(([method, path]) => {
    const before = path.split('/').findLast((s, i, all) => all[i + 1]?.startsWith(':')) ?? '';
    const idKind: IdKind = before === 'users' ? 'user' : before === 'events' ? 'step' : before === 'notices' ? 'notice' : 'unit';
    return { key: `${method} ${path}`, method: method as Method, path, idKind, auth: path.startsWith('/api/auth/') };
  });

export function routeOf(key: string): Route {
  const route = ROUTES.find((r) => r.key === key);
  if (!route) throw new Error(`no route ${key}`);
  return route;
}

// The write routes, read from the access table (server/access.ts): a new write route is fuzzed
// as soon as it has a row.
import { ACCESS } from '../../../server/access.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type IdKind = 'unit' | 'step' | 'user' | 'notice' | 'channel' | 'training' | 'reportBack' | 'displayLink' | 'area' | 'bulletin';
export interface Route {
  key: string;
  method: Method;
  path: string;
  /** what a `:param` of the path names: the collection it follows says (idKindOf) */
  idKind: IdKind;
  auth: boolean;
  /** who calls it most: the office where it may, else the one role that may (a notice's answer: its unit's contact) */
  mainCaller: 'office' | 'technician' | 'unit' | 'viewer';
}

/**
 * What the `:param` of a path names, by the collection before it: the fuzz fills it with a real
 * one of that kind, so that it gets past the handler's 404 into its validation. A path with a
 * parameter of a collection not listed here fails at once: a new kind needs its ids seeded.
 */
const KIND_OF_COLLECTION: Record<string, IdKind> = {
  units: 'unit',
  events: 'step',
  users: 'user',
  notices: 'notice',
  channels: 'channel',
  trainings: 'training',
  'report-backs': 'reportBack',
  'display-links': 'displayLink',
  areas: 'area',
  bulletins: 'bulletin',
};

export function idKindOf(path: string): IdKind {
  const collection = /^\/api\/([a-z-]+)\/:/.exec(path)?.[1];
  if (collection === undefined) return 'unit'; // no parameter: never asked
  const kind = KIND_OF_COLLECTION[collection];
  if (!kind) throw new Error(`the fuzz does not know what the parameter of ${path} names: add its collection to KIND_OF_COLLECTION and seed it`);
  return kind;
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
    return { key: `${method} ${path}`, method: method as Method, path, idKind: idKindOf(path), auth: path.startsWith('/api/auth/'), mainCaller: mainCallerOf(`${method} ${path}`) };
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
  .map(([method, path]) => ({ key: `${method} ${path}`, method: method as Method, path, idKind: idKindOf(path), auth: path.startsWith('/api/auth/'), mainCaller: mainCallerOf(`${method} ${path}`) }));

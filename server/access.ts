// Who may call which route: the one table of roles × routes. Every /api route must have a
// row (the app refuses to start otherwise) and the access test walks this table.
import type { Role } from '../shared/domain/steps.js';

/** `public`: no login; `any`: any logged-in user; else the roles allowed. */
export type Access = 'public' | 'any' | readonly Role[];

const all: readonly Role[] = ['office', 'technician', 'unit', 'viewer'];
const office: readonly Role[] = ['office'];
const readers: readonly Role[] = ['office', 'technician', 'viewer'];
const overseers: readonly Role[] = ['office', 'viewer'];

export const ACCESS: Record<string, Access> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': 'any',
  // one's own password, checked against the current one: every role
  'POST /api/auth/password': 'any',

  'POST /api/users': office,
  'GET /api/users': office,
  'PATCH /api/users/:id': office,

  'POST /api/units': office,
  'GET /api/units': readers,
  // the full list as files: the same readers
  'GET /api/units.csv': readers,
  'GET /api/units.xlsx': readers,
  // a unit's contact reads its own unit only: checked in the route
  'GET /api/units/:id': all,
  'PATCH /api/units/:id': office,
  'POST /api/units/import': office,
  'GET /api/units/import/template.csv': office,
  'GET /api/units/import/template.xlsx': office,
  'POST /api/units/assign': office,

  // which step types each role may record is the stage machine's table (shared/domain/steps.ts)
  'POST /api/units/:id/events': ['office', 'technician', 'unit'],
  'GET /api/units/:id/events': all,
  'POST /api/events/:id/void': office,
  'GET /api/events': overseers,

  // a unit's contact hears only its own unit's steps: filtered in the route
  'GET /api/live': 'any',

  'GET /api/settings': 'any',
  'PUT /api/settings': office,

  'GET /api/audit': office,

  'GET /api/reports/summary': overseers,
  'GET /api/reports/laggards': overseers,
  'GET /api/reports/laggards.csv': overseers,
  'GET /api/reports/laggards.xlsx': overseers,
  'GET /api/reports/trend': overseers,
  'GET /api/reports/reasons': overseers,
  // the roll-up of a scope's children (areas.md "Roll-ups"); outside the scope: 404 (the service)
  'GET /api/reports/areas': overseers,
  'GET /api/reports/areas.csv': overseers,
  'GET /api/reports/areas.xlsx': overseers,

  // the area tree inside one's scope (pickers, breadcrumbs): 404 outside it (the service)
  'GET /api/areas': readers,
  'GET /api/areas/:code': readers,

  // the group robots: their addresses are secrets, so the office alone sees even their list
  'POST /api/channels': office,
  'GET /api/channels': office,
  'PATCH /api/channels/:id': office,
  'DELETE /api/channels/:id': office,
  'POST /api/channels/:id/test': office,
  'GET /api/channels/:id/deliveries': office,
  // urging notices (催办): a unit's contact sees and answers its own unit's only (the service)
  'POST /api/units/:id/notices': office,
  'POST /api/notices/batch': office,
  'GET /api/notices': ['office', 'viewer', 'unit'],
  'GET /api/notices/:id': ['office', 'viewer', 'unit'],
  'POST /api/notices/:id/answer': ['unit'],
  'POST /api/notices/:id/withdraw': office,
};

export const accessKey = (method: string, url: string) => `${method} ${url}`;

/** A route of the API proper: the access table, the text check. Its docs are not. */
export const isApi = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

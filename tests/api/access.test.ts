// Every route as every role and anonymous, against a table written here by hand (not read from
// server/access.ts, the code under test): what each caller must get, to the status class. The
// route list itself must equal the access table's, so that a new route without a row here fails.
import { today } from '../../shared/domain/dates.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import { describe, expect, it } from 'vitest';
import { ACCESS, SCOPE_KINDS } from '../../server/access.js';
import type { Role } from '../../shared/domain/catalogue.js';
import { PASSWORD, uniq, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

let t: TestApp;
let ids: { unit: string; step: string; user: string; username: string };
test.beforeAll(async ({ t: testApp, office: fOffice, viewer: fViewer }) => {
  t = testApp;
  const office = fOffice;
  const unit = await t.unit();
  const { event } = (await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started' })).json();
  // a later step, so that the sample's step is never the latest: a void of it is reached and refused alike in any order
  expect((await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started' })).statusCode).toBe(201);
  const viewer = fViewer;
  ids = { unit: unit.id, step: event.id, user: viewer.user.id, username: viewer.user.username };
});

const ROLES: Role[] = ['office', 'technician', 'unit', 'viewer'];

/** '2xx' = answered; a number = exactly that status (401 no session, 403 refused by role, others: reached the handler). */
type Expected = '2xx' | 400 | 401 | 403 | 404 | 409;
/** route → [anonymous, office, technician, unit contact (of the sample unit), viewer]; HEAD answers as its GET */
const EXPECTED: Record<string, [Expected, Expected, Expected, Expected, Expected]> = {
  'GET /healthz': ['2xx', '2xx', '2xx', '2xx', '2xx'],
  'GET /readyz': ['2xx', '2xx', '2xx', '2xx', '2xx'],
  'POST /api/auth/login': ['2xx', '2xx', '2xx', '2xx', '2xx'],
  'POST /api/auth/logout': ['2xx', '2xx', '2xx', '2xx', '2xx'],
  'GET /api/auth/me': [401, '2xx', '2xx', '2xx', '2xx'],
  // reached: the sample sends no body, so the check of the current password answers 400
  'POST /api/auth/password': [401, 400, 400, 400, 400],
  'POST /api/users': [401, '2xx', 403, 403, 403],
  'GET /api/users': [401, '2xx', 403, 403, 403],
  'PATCH /api/users/:id': [401, '2xx', 403, 403, 403],
  'POST /api/units': [401, '2xx', 403, 403, 403],
  'GET /api/units': [401, '2xx', '2xx', 403, '2xx'],
  'GET /api/units.csv': [401, '2xx', '2xx', 403, '2xx'],
  'GET /api/units.xlsx': [401, '2xx', '2xx', 403, '2xx'],
  'GET /api/units/:id': [401, '2xx', '2xx', '2xx', '2xx'],
  'PATCH /api/units/:id': [401, '2xx', 403, 403, 403],
  'POST /api/units/import': [401, '2xx', 403, 403, 403],
  'GET /api/units/import/template.csv': [401, '2xx', 403, 403, 403],
  'GET /api/units/import/template.xlsx': [401, '2xx', 403, 403, 403],
  'POST /api/units/assign': [401, '2xx', 403, 403, 403],
  // the unit contact may record registration steps on its own unit: reached, and 409 as its connection is not done
  'POST /api/units/:id/events': [401, '2xx', '2xx', 409, 403],
  'GET /api/units/:id/events': [401, '2xx', '2xx', '2xx', '2xx'],
  // reached: the sample's step is never its unit's latest (one more follows it), so 409
  'POST /api/events/:id/void': [401, 409, 403, 403, 403],
  'GET /api/events': [401, '2xx', 403, 403, '2xx'],
  'GET /api/live': [401, '2xx', '2xx', '2xx', '2xx'],
  'GET /api/settings': [401, '2xx', '2xx', '2xx', '2xx'],
  'PUT /api/settings': [401, '2xx', 403, 403, 403],
  'GET /api/settings/help': [401, '2xx', 403, 403, 403],
  'PUT /api/settings/help': [401, '2xx', 403, 403, 403],
  'GET /api/audit': [401, '2xx', 403, 403, 403],
  'GET /api/reports/summary': [401, '2xx', 403, 403, '2xx'],
  'GET /api/reports/laggards': [401, '2xx', 403, 403, '2xx'],
  'GET /api/reports/laggards.csv': [401, '2xx', 403, 403, '2xx'],
  'GET /api/reports/laggards.xlsx': [401, '2xx', 403, 403, '2xx'],
  'GET /api/reports/trend': [401, '2xx', 403, 403, '2xx'],
  'GET /api/reports/reasons': [401, '2xx', 403, 403, '2xx'],
  'GET /api/reports/due-soon': [401, '2xx', 403, 403, '2xx'],
  'GET /api/reports/review-queue': [401, '2xx', 403, 403, '2xx'],
  'GET /api/reports/areas': [401, '2xx', 403, 403, '2xx'],
  'GET /api/reports/areas.csv': [401, '2xx', 403, 403, '2xx'],
  'GET /api/reports/areas.xlsx': [401, '2xx', 403, 403, '2xx'],
  'POST /api/channels': [401, '2xx', 403, 403, 403],
  'GET /api/channels': [401, '2xx', 403, 403, 403],
  'GET /api/channels/preview': [401, '2xx', 403, 403, 403],
  // the channel routes are given the unit's id, a channel that does not exist: reached, and 404
  'PATCH /api/channels/:id': [401, 404, 403, 403, 403],
  'DELETE /api/channels/:id': [401, 404, 403, 403, 403],
  'POST /api/channels/:id/test': [401, 404, 403, 403, 403],
  'GET /api/channels/:id/deliveries': [401, 404, 403, 403, 403],
  // reached: the unit is not a laggard, so there is nothing to urge (409)
  'POST /api/units/:id/notices': [401, 409, 403, 403, 403],
  'POST /api/notices/batch': [401, '2xx', 403, 403, 403],
  'GET /api/notices': [401, '2xx', 403, '2xx', '2xx'],
  // reached: the id names no notice (404); a technician never reads notices (403)
  'GET /api/notices/:id': [401, 404, 403, 404, 404],
  // a unit's notice: its own contact; a 督办: the urged area's own office (both reach the
  // service); reached: no such notice (404)
  'POST /api/notices/:id/answer': [401, 404, 403, 404, 403],
  // 督办: the whole installation's office presses 甘肃 (62), which has no laggard here (409)
  'POST /api/areas/:code/notices': [401, 409, 403, 403, 403],
  // reached: no such notice (404)
  'POST /api/notices/:id/withdraw': [401, 404, 403, 403, 403],
  'POST /api/display-links': [401, '2xx', 403, 403, 403],
  'GET /api/display-links': [401, '2xx', 403, 403, 403],
  // reached: the unit's id names no link (404)
  'POST /api/display-links/:id/revoke': [401, 404, 403, 403, 403],
  // public: no session is needed, and none opens it: only a display link's token (401 without)
  'GET /api/screen': [401, 401, 401, 401, 401],
  // an issued bulletin: an office issues; offices and viewers read (reached: the unit's id names no bulletin, 404)
  'POST /api/bulletins': [401, '2xx', 403, 403, 403],
  'GET /api/bulletins': [401, '2xx', 403, 403, '2xx'],
  'GET /api/bulletins/:id': [401, 404, 403, 403, 404],
  'GET /api/areas': [401, '2xx', '2xx', 403, '2xx'],
  'GET /api/areas/:code': [401, '2xx', '2xx', 403, '2xx'],
  // training: a training's :id here is the sample unit's id, which names no training (404 once reached)
  'GET /api/units/:id/backbones': [401, '2xx', '2xx', '2xx', '2xx'],
  'POST /api/units/:id/backbones': [401, '2xx', 403, '2xx', 403],
  'POST /api/trainings': [401, '2xx', 403, 403, 403],
  'GET /api/trainings': [401, '2xx', '2xx', '2xx', '2xx'],
  'GET /api/trainings/:id': [401, 404, 404, 404, 404],
  'PATCH /api/trainings/:id': [401, 404, 403, 403, 403],
  'GET /api/trainings/:id/roster': [401, 404, 404, 404, 404],
  'GET /api/trainings/:id/sign-in-code': [401, 404, 403, 403, 403],
  'GET /api/trainings/:id/sign-in': [404, 404, 404, 404, 404],
  'POST /api/trainings/:id/sign-in': [404, 404, 404, 404, 404],
  'POST /api/trainings/:id/attendance': [401, 404, 403, 403, 403],
  'POST /api/trainings/:id/close': [401, 404, 403, 403, 403],
  'POST /api/trainings/:id/report-backs': [401, 404, 403, 404, 403],
  'POST /api/report-backs/:id/review': [401, 404, 403, 403, 403],
  'GET /api/reports/training': [401, '2xx', 403, 403, '2xx'],
  'GET /api/reports/training.csv': [401, '2xx', 403, 403, '2xx'],
  'GET /api/reports/training.xlsx': [401, '2xx', 403, 403, '2xx'],
};
const matches = (status: number, expected: Expected) => (expected === '2xx' ? status >= 200 && status < 300 : status === expected);

/** A valid request for each route, so that 400 (which outranks 403) cannot hide the answer. */
function sample(key: string, role: Role | null): { url: string; body?: unknown; headers?: Record<string, string> } {
  const [, path] = key.split(' ');
  const url = path.replace(':id', key.includes('/events/:id') ? ids.step : key.includes('/users/') ? ids.user : ids.unit);
  switch (key) {
    case 'POST /api/auth/login':
      return { url, body: { username: ids.username, password: PASSWORD } };
    case 'POST /api/users':
      return { url, body: { username: uniq('u'), displayName: 'x', role: 'viewer', password: 'long enough' } };
    case 'PATCH /api/users/:id':
      return { url, body: { displayName: '新名字' } };
    case 'POST /api/units':
      return { url, body: { code: uniq('C'), name: 'x', kind: 'other' } };
    case 'PATCH /api/units/:id':
      return { url, body: { name: '新名字' } };
    case 'POST /api/units/import':
      return { url, body: `code,name,kind\n${uniq('I')},${uniq('单位')},other\n`, headers: { 'content-type': 'text/csv' } };
    case 'POST /api/units/:id/events':
      return { url, body: role === 'unit' ? { type: 'registration.submitted', data: { platformRef: 'x' } } : { type: 'wiring.started' } };
    case 'POST /api/units/assign':
      return { url, body: { technicianId: null, unitIds: [ids.unit] } };
    case 'POST /api/events/:id/void':
      return { url, body: { reason: 'x' } };
    case 'POST /api/channels':
      // an official robot host: accepted, and nothing is sent (no sender loop runs without a listening server)
      return { url, body: { name: 'x', kind: 'wecom', webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' } };
    case 'PATCH /api/channels/:id':
      return { url, body: { name: '新名字' } };
    case 'POST /api/units/:id/notices':
      return { url, body: {} };
    case 'POST /api/notices/batch':
      return { url, body: { category: 'refused_wiring' } };
    case 'POST /api/notices/:id/answer':
      return { url, body: { text: '已安排布线' } };
    case 'POST /api/notices/:id/withdraw':
      return { url, body: { reason: '发错了' } };
    case 'POST /api/display-links':
      return { url, body: { label: '会议室大屏' } };
    case 'GET /api/areas/:code':
      return { url: '/api/areas/62' };
    case 'POST /api/areas/:code/notices':
      return { url: '/api/areas/62/notices', body: {} };
    case 'GET /api/channels/preview':
      return { url: `${url}?kind=wecom` };
    case 'PUT /api/settings/help':
      return { url, body: { platformUrl: null, helpdeskPhone: null } };
    case 'POST /api/units/:id/backbones':
      return { url, body: { kind: 'deputy', name: '骨干' } };
    case 'POST /api/trainings':
      return { url, body: { title: 't', topics: ['network'], organiser: 'o', venue: 'v', startsAt: '2026-12-01T01:00:00Z', endsAt: '2026-12-01T03:00:00Z', required: { unitIds: [ids.unit] } } };
    case 'PATCH /api/trainings/:id':
      return { url, body: { venue: 'v' } };
    case 'POST /api/trainings/:id/sign-in':
      return { url, body: { code: '123456', unitId: ids.unit, attendee: '甲' } };
    case 'POST /api/trainings/:id/attendance':
      return { url, body: { unitId: ids.unit, status: 'attended' } };
    case 'POST /api/trainings/:id/report-backs':
      return { url, body: { unitId: ids.unit, reportedOn: today(DEFAULT_SETTINGS.timezone), leader: '局长', form: 'meeting', colleaguesReached: 1, summary: 's' } };
    case 'POST /api/report-backs/:id/review':
      return { url, body: { decision: 'accepted' } };
    case 'POST /api/bulletins':
      return { url, body: {} };
    case 'PUT /api/settings':
      return { url, body: { timezone: 'Asia/Shanghai', wiringDue: null, connectionDue: null, registrationGraceDays: 7, stallDays: 14, postponementLimit: 2 } };
    default:
      return { url };
  }
}

const routes = Object.entries(ACCESS).map(([key, rule]) => [key, rule.roles] as const);

/** The event stream never ends, so it is opened over a real socket and closed after its status. */
async function openStream(cookie?: string, method = 'GET') {
  const base = t.app.server.listening ? `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}` : await t.app.listen({ port: 0, host: '127.0.0.1' });
  const abort = new AbortController();
  const res = await fetch(`${base}/api/live`, { method, headers: cookie ? { cookie } : {}, signal: abort.signal });
  abort.abort();
  return { statusCode: res.status, body: '' };
}

// Every GET route also answers HEAD, which must be checked the same way.
const calls = routes.flatMap(([key, access]) => {
  const [method, path] = key.split(' ');
  return method === 'GET' ? [[key, access, 'GET'], [`HEAD ${path}`, access, 'HEAD']] : [[key, access, method]];
}) as [string, (typeof routes)[number][1], string][];

describe('every route as every role', () => {
  it('the hand-written table has a row for every route of the access table, and none besides', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(ACCESS).sort());
  });

  it.each(calls)('%s', async (key, _access, method) => {
    const row = key.replace(/^HEAD /, 'GET ');
    const call = async (role: Role | null) => {
      const agent = role ? await t.as(role, role === 'unit' ? { unitId: ids.unit } : {}) : null;
      const { url, body, headers } = sample(row, role);
      if (row === 'GET /api/live') return openStream(agent?.cookie, method);
      return (agent ?? t.anonymous).request(method as 'GET', url, body, headers);
    };
    const [anonymously, ...byRole] = EXPECTED[row];
    const anonymous = await call(null);
    expect(matches(anonymous.statusCode, anonymously), `${key} anonymous: ${anonymous.statusCode}, expected ${anonymously}`).toBe(true);

    for (const [i, role] of ROLES.entries()) {
      const res = await call(role);
      expect(matches(res.statusCode, byRole[i]), `${key} as ${role}: ${res.statusCode}, expected ${byRole[i]}: ${res.body.slice(0, 200)}`).toBe(true);
    }
  });
});

describe('the table and the app agree', () => {
  it('every row says how its route keeps to the caller\'s scope', () => {
    for (const [key, rule] of Object.entries(ACCESS)) expect(SCOPE_KINDS, key).toContain(rule.scope);
  });

  it('the app refuses to start with an /api route whose row has no scope', async () => {
    const { buildApp } = await import('../../server/app.js');
    const app = await buildApp({ config: t.config, database: t.database });
    ACCESS['GET /api/unscoped'] = { roles: 'any' } as never;
    try {
      expect(() => app.get('/api/unscoped', async () => 'x')).toThrow(/no scope rule/);
    } finally {
      delete ACCESS['GET /api/unscoped'];
      await app.close();
    }
  });

  it('every row names a route the app serves', () => {
    for (const key of Object.keys(ACCESS)) {
      const [method, url] = key.split(' ');
      expect(t.app.hasRoute({ method: method as 'GET', url }), key).toBe(true);
    }
  });

  it('refuses, at request time, an /api route whose row is missing (a route that escaped the start-up check)', async () => {
    const key = 'GET /api/settings';
    const row = ACCESS[key];
    delete ACCESS[key];
    try {
      const office = await t.as('office');
      for (const method of ['GET', 'HEAD'] as const) {
        expect((await office.request(method, '/api/settings')).statusCode, method).toBe(403);
        expect((await t.anonymous.request(method, '/api/settings')).statusCode, method).toBe(403);
      }
    } finally {
      ACCESS[key] = row;
    }
  });

  it('the app refuses to start with an /api route that has no row', async () => {
    const { buildApp } = await import('../../server/app.js');
    const app = await buildApp({ config: t.config, database: t.database });
    expect(() => app.get('/api/secret', async () => 'x')).toThrow(/no access rule/);
    await app.close();
  });
});

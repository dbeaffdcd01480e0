// Walks the role × route table of server/access.ts: every route as every role and anonymous.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS, SCOPE_KINDS } from '../../server/access.js';
import type { Role } from '../../shared/domain/catalogue.js';
import { createTestApp, PASSWORD, uniq, type TestApp } from '../helpers/app.js';

let t: TestApp;
let ids: { unit: string; step: string; user: string; username: string };
beforeAll(async () => {
  t = await createTestApp();
  const office = await t.as('office');
  const unit = await t.unit();
  const { event } = (await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started' })).json();
  const viewer = await t.as('viewer');
  ids = { unit: unit.id, step: event.id, user: viewer.user.id, username: viewer.user.username };
});
afterAll(() => t.close());

const ROLES: Role[] = ['office', 'technician', 'unit', 'viewer'];

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
      return { url, body: `code,name,kind\n${uniq('I')},x,other\n`, headers: { 'content-type': 'text/csv' } };
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
    case 'GET /api/areas/:code':
      return { url: '/api/areas/62' };
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
  it.each(calls)('%s', async (key, access, method) => {
    const row = key.replace(/^HEAD /, 'GET ');
    const call = async (role: Role | null) => {
      const agent = role ? await t.as(role, role === 'unit' ? { unitId: ids.unit } : {}) : null;
      const { url, body, headers } = sample(row, role);
      if (row === 'GET /api/live') return openStream(agent?.cookie, method);
      return (agent ?? t.anonymous).request(method as 'GET', url, body, headers);
    };
    const anonymous = await call(null);
    if (access === 'public') expect(anonymous.statusCode, `${key} anonymous`).not.toBe(401);
    else expect(anonymous.statusCode, `${key} anonymous`).toBe(401);

    for (const role of ROLES) {
      const res = await call(role);
      const allowed = access === 'public' || access === 'any' || access.includes(role);
      if (allowed) {
        expect([401, 403], `${key} as ${role}: ${res.body.slice(0, 200)}`).not.toContain(res.statusCode);
        expect(res.statusCode, `${key} as ${role}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      } else expect(res.statusCode, `${key} as ${role}`).toBe(403);
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

// The scope × route matrix, walked from the access table (server/access.ts) like the role ×
// route test: two counties of 陇南市 (A 宕昌县, B 武都区) and units without a county, each with a
// unit, a step, a notice, users, a channel and audit entries. For every route, a user scoped to
// A gets the unknown id's 404 (or a list, report, export or stream without B's rows) for B's
// things; a city user (陇南市) sees both; a whole-installation user sees both and the units
// without a county. A row of the table without a case here fails the test.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ACCESS } from '../../server/access.js';
import type { Role } from '../../shared/domain/catalogue.js';
import { PASSWORD, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { appTest, LONGNAN, TANCHANG, WUDU } from '../helpers/fixture.js';
import { BODIES } from '../helpers/steps.js';

const A = TANCHANG;
const B = WUDU;
const CITY = LONGNAN;
/** where a thing is: a county, or nowhere (a unit without a county, a whole-installation user or channel) */
type Place = typeof A | typeof B | null;
const SCOPED_ROLES = ['office', 'viewer', 'technician'] as const;
type ScopedRole = (typeof SCOPED_ROLES)[number];

interface Seeded {
  unit: { id: string; code: string };
  step: string;
  notice: string;
  /** a viewer placed here (scoped to the county; for null, the whole installation) */
  user: { id: string; username: string };
  contact: Agent;
  channel: { id: string; name: string };
}

let t: TestApp;
let root: Agent;
const at: Record<'A' | 'city' | 'root', Record<ScopedRole, Agent>> = {} as never;
const seeded = new Map<Place, Seeded>();
const WEBHOOK = 'http://127.0.0.1:9/cgi-bin/webhook/send?key=k';

const key = (p: Place) => p ?? 'none';
const thing = (p: Place) => seeded.get(p)!;

async function unitAt(place: Place) {
  const unit = await t.unit({ kind: 'township', areaCode: place, name: `单位${key(place)}${uniq()}` });
  return { id: unit.id, code: unit.code };
}
/** a unit that refused the wiring just now, so a laggard and one step long; its step's id */
async function refusedAt(place: Place) {
  const unit = await unitAt(place);
  const res = await root.post(`/api/units/${unit.id}/events`, BODIES['wiring.refused']);
  expect(res.statusCode, res.body).toBe(201);
  return { unit, step: res.json().event.id as string };
}
async function noticeAt(place: Place) {
  const { unit } = await refusedAt(place);
  const res = await root.post(`/api/units/${unit.id}/notices`, {});
  expect(res.statusCode, res.body).toBe(201);
  return { unit, notice: res.json().notice.id as string };
}
async function userAt(place: Place, role: ScopedRole = 'viewer') {
  const agent = await t.as(role, { scope: place });
  return agent.user;
}
async function channelAt(place: Place) {
  const name = `群${key(place)}${uniq()}`;
  const res = await root.post('/api/channels', { name, kind: 'wecom', webhookUrl: WEBHOOK, scope: place });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().channel.id as string, name };
}

// robots on this machine only, at a port that refuses: a test message fails at once, nothing leaves
const test = appTest({ NOTIFY_ALLOWED_HOSTS: '127.0.0.1', NOTIFY_TIMEOUT_MS: '1000' });

test.beforeAll(async ({ t: testApp, office, technician, viewer, tanchang, longnan }) => {
  t = testApp;
  root = office;
  at.A = tanchang;
  at.city = longnan;
  at.root = { office, technician, viewer };
  for (const place of [A, B, null] as Place[]) {
    const { unit, step } = await refusedAt(place);
    const notice = (await root.post(`/api/units/${unit.id}/notices`, {})).json().notice.id as string;
    const user = await userAt(place);
    // an audit entry about the user, written by the whole-installation office
    expect((await root.patch(`/api/users/${user.id}`, { displayName: `看${key(place)}` })).statusCode).toBe(200);
    const contact = await t.as('unit', { unitId: unit.id });
    seeded.set(place, { unit, step, notice, user, contact, channel: await channelAt(place) });
  }
});

const scopedRolesOf = (k: string): ScopedRole[] => {
  const roles = ACCESS[k].roles;
  return SCOPED_ROLES.filter((r) => roles === 'any' || roles === 'public' || (roles as readonly Role[]).includes(r));
};
const call = (agent: Agent, method: string, url: string, body?: unknown) => agent.request(method as 'GET', url, method === 'GET' ? undefined : (body ?? {}));

// ——— cases by kind ——————————————————————————————————————————————————————————————————————————

/**
 * `:id` routes: for every scoped role the route admits, B's thing and a thing of no county get
 * exactly the body of an id that names nothing; A's thing is answered; the city reaches A's and
 * B's but not the county-less one; the whole installation reaches that one too. `target` makes
 * the thing (afresh when a call uses it up).
 */
function byId(k: string, target: (p: Place) => Promise<string> | string, body?: (p: Place) => unknown) {
  return async () => {
    const [method, path] = k.split(' ');
    const url = (id: string) => path.replace(':id', id);
    const roles = scopedRolesOf(k);
    expect(roles.length, `${k}: no scoped role may call it`).toBeGreaterThan(0);
    for (const role of roles) {
      const agent = at.A[role];
      const unknown = await call(agent, method, url(randomUUID()), body?.(A));
      expect(unknown.statusCode, `${k} unknown id as ${role}: ${unknown.body}`).toBe(404);
      for (const p of [B, null] as Place[]) {
        const res = await call(agent, method, url(await target(p)), body?.(p));
        expect(res.statusCode, `${k}: ${key(p)}'s as county ${role}: ${res.body}`).toBe(404);
        expect(res.json(), `${k}: ${key(p)}'s as county ${role}`).toEqual(unknown.json());
      }
      const own = await call(agent, method, url(await target(A)), body?.(A));
      expect(own.statusCode, `${k}: its own county's as ${role}: ${own.body}`).toBeLessThan(400);
      for (const p of [A, B] as Place[]) {
        const res = await call(at.city[role], method, url(await target(p)), body?.(p));
        expect(res.statusCode, `${k}: ${key(p)}'s as city ${role}: ${res.body}`).toBeLessThan(400);
      }
      const none = await call(at.city[role], method, url(await target(null)), body?.(null));
      expect(none.statusCode, `${k}: no county's as city ${role}`).toBe(404);
      const all = await call(at.root[role], method, url(await target(null)), body?.(null));
      expect(all.statusCode, `${k}: no county's as whole-installation ${role}: ${all.body}`).toBeLessThan(400);
    }
  };
}

/** What an answer says, as text: a JSON or CSV body as it is, a workbook's cells. */
async function textOf(res: LightMyRequestResponse): Promise<string> {
  if (!String(res.headers['content-type']).includes('spreadsheetml')) return res.body;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((c) => void cells.push(String(c.text)))));
  return cells.join('\n');
}

/**
 * Lists, reports and exports: the county's answer names A's mark and not B's nor the county-less
 * one's; the city's names A's and B's; the whole installation's all three. `more` is a query.
 */
function listing(k: string, mark: (s: Seeded) => string, opts: { more?: string; roles?: ScopedRole[] } = {}) {
  return async () => {
    const [, path] = k.split(' ');
    const url = `${path}${opts.more ?? ''}`;
    const roles = opts.roles ?? scopedRolesOf(k);
    expect(roles.length, `${k}: no scoped role may call it`).toBeGreaterThan(0);
    for (const role of roles) {
      const seen = async (agent: Agent) => {
        const res = await agent.get(url);
        expect(res.statusCode, `${k} as ${role}: ${res.body.slice(0, 300)}`).toBe(200);
        const text = await textOf(res);
        return (p: Place) => text.includes(mark(thing(p)));
      };
      const county = await seen(at.A[role]);
      expect([county(A), county(B), county(null)], `${k}: A, B, none as county ${role}`).toEqual([true, false, false]);
      const city = await seen(at.city[role]);
      expect([city(A), city(B), city(null)], `${k}: A, B, none as city ${role}`).toEqual([true, true, false]);
      const all = await seen(at.root[role]);
      expect([all(A), all(B), all(null)], `${k}: A, B, none as whole-installation ${role}`).toEqual([true, true, true]);
    }
  };
}

/** A route taking `area=` (or `parent=`): B's, or a city above A, is the 404 of an unknown area for a county user. */
function areaRefused(k: string, param = 'area') {
  return async () => {
    const [method, path] = k.split(' ');
    const roles = scopedRolesOf(k);
    expect(roles.length, `${k}: no scoped role may call it`).toBeGreaterThan(0);
    for (const role of roles) {
      for (const area of [B, CITY, '62']) {
        const res = await call(at.A[role], method, `${path}?${param}=${area}`);
        expect(res.statusCode, `${k}?${param}=${area} as county ${role}: ${res.body}`).toBe(404);
      }
      const own = await call(at.A[role], method, `${path}?${param}=${A}`);
      expect(own.statusCode, `${k}?${param}=${A} as county ${role}: ${own.body}`).not.toBe(404);
      const city = await call(at.city[role], method, `${path}?${param}=${B}`);
      expect(city.statusCode, `${k}?${param}=${B} as city ${role}: ${city.body}`).not.toBe(404);
    }
  };
}

/** The county user's report equals the whole installation's report of the county. */
function sameAsAreaReport(k: string) {
  return async () => {
    const [, path] = k.split(' ');
    const roles = scopedRolesOf(k);
    expect(roles.length, `${k}: no scoped role may call it`).toBeGreaterThan(0);
    for (const role of roles) {
      const mine = await at.A[role].get(path);
      const asked = await at.root[role].get(`${path}?area=${A}`);
      expect(mine.statusCode, mine.body).toBe(200);
      expect(asked.statusCode, asked.body).toBe(200);
      expect(mine.json(), `${k} as county ${role}`).toEqual(asked.json());
      const whole = await at.root[role].get(path);
      expect(whole.json(), `${k}: the county's is not the installation's`).not.toEqual(mine.json());
    }
  };
}

/**
 * The roll-up as each scope sees it: a county's children are its units' kinds, counting only its
 * own units (as the whole installation's roll-up of that county does); a city's are its counties,
 * A's and B's among them; the whole installation's top is the provinces and the county-less units.
 */
function rollupSeen(k: string) {
  return async () => {
    const [, path] = k.split(' ');
    const json = !path.includes('.');
    for (const role of scopedRolesOf(k)) {
      const county = await at.A[role].get(path);
      expect(county.statusCode, county.body.slice(0, 300)).toBe(200);
      const countyText = await textOf(county);
      expect([countyText.includes('武都区'), countyText.includes('甘肃省')], `${k}: a county ${role} sees B or the province`).toEqual([false, false]);
      const city = await textOf(await at.city[role].get(path));
      expect([city.includes('宕昌县'), city.includes('武都区')], `${k}: the city ${role} sees A and B`).toEqual([true, true]);
      const all = await at.root[role].get(path);
      expect(all.statusCode).toBe(200);
      expect((await textOf(all)).includes('甘肃省'), `${k}: the whole installation sees the province`).toBe(true);
      if (!json) continue;
      type Row = { area: { code: string; level: string }; totalUnits: number };
      const total = (rows: Row[]) => rows.reduce((n, r) => n + r.totalUnits, 0);
      const asked = (await at.root[role].get(`${path}?parent=${A}`)).json().items as Row[];
      expect(total(county.json().items as Row[]), `${k}: the county ${role}'s units are the county's`).toBe(total(asked));
      expect((county.json().items as Row[]).every((r) => r.area.level === 'kind')).toBe(true);
      expect((all.json().items as Row[]).some((r) => r.area.level === 'unplaced'), 'the county-less units have their row').toBe(true);
    }
  };
}

const both = (...cases: (() => Promise<void>)[]) => async () => {
  for (const c of cases) await c();
};

/** Routes not about units: a scoped user is answered as anyone. */
const plain = (k: string, request: (agent: Agent) => Promise<LightMyRequestResponse>) => async () => {
  for (const role of scopedRolesOf(k).length ? scopedRolesOf(k) : (['office'] as ScopedRole[])) {
    const res = await request(await t.as(role, { scope: A }));
    expect(res.statusCode, `${k} as county ${role}: ${res.body}`).toBeLessThan(400);
  }
};

/** Opens the live stream as `agent` and collects the units its `step` events name. */
async function listen(agent: Agent) {
  const base = t.app.server.listening ? `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}` : await t.app.listen({ port: 0, host: '127.0.0.1' });
  const abort = new AbortController();
  const res = await fetch(`${base}/api/live`, { headers: { cookie: agent.cookie }, signal: abort.signal });
  expect(res.status).toBe(200);
  const heard = new Set<string>();
  const reader = res.body!.getReader();
  let text = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += new TextDecoder().decode(value);
        for (const m of text.matchAll(/"unitId":"([0-9a-f-]{36})"/g)) heard.add(m[1]);
      }
    } catch {
      // aborted
    }
  })();
  return { heard, close: () => abort.abort() };
}

// ——— every row of the table ———————————————————————————————————————————————————————————————

const CASES: Record<string, () => Promise<void>> = {
  'GET /healthz': plain('GET /healthz', (a) => a.get('/healthz')),
  'GET /readyz': plain('GET /readyz', (a) => a.get('/readyz')),
  'POST /api/auth/login': plain('POST /api/auth/login', async (a) => {
    const res = await t.anonymous.post('/api/auth/login', { username: a.user.username, password: PASSWORD });
    expect(res.json().user.scope).toBe(A);
    return res;
  }),
  'POST /api/auth/logout': plain('POST /api/auth/logout', (a) => a.post('/api/auth/logout')),
  'GET /api/auth/me': plain('GET /api/auth/me', async (a) => {
    const res = await a.get('/api/auth/me');
    expect(res.json().user.scope).toBe(A);
    return res;
  }),
  'POST /api/auth/password': plain('POST /api/auth/password', (a) => a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long one' })),

  'POST /api/users': async () => {
    const body = (over: object) => ({ username: uniq('new-'), displayName: '新人', role: 'viewer', password: 'long enough 1', ...over });
    for (const scope of [B, CITY, null]) {
      const res = await at.A.office.post('/api/users', body({ scope }));
      expect(res.statusCode, `a county office gives scope ${scope}: ${res.body}`).toBe(403);
    }
    const unitOutside = await at.A.office.post('/api/users', body({ role: 'unit', unitId: thing(B).unit.id }));
    expect(unitOutside.statusCode, unitOutside.body).toBe(400);
    const own = await at.A.office.post('/api/users', body({}));
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().user.scope).toBe(A);
    const byCity = await at.city.office.post('/api/users', body({ scope: B }));
    expect(byCity.statusCode, byCity.body).toBe(201);
  },
  'GET /api/users': listing('GET /api/users', (s) => s.user.username),
  'PATCH /api/users/:id': both(
    byId('PATCH /api/users/:id', (p) => thing(p).user.id, () => ({ displayName: '改名' })),
    // a unit's contact lies where its unit does
    byId('PATCH /api/users/:id', (p) => thing(p).contact.user.id, () => ({ displayName: '联系人' })),
  ),

  'POST /api/units': async () => {
    const code = uniq('C');
    const res = await at.A.office.post('/api/units', { code, name: '外县单位', kind: 'other', areaCode: B });
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect((await root.get(`/api/units?q=${code}`)).json().total).toBe(0);
    const own = await at.A.office.post('/api/units', { code: uniq('C'), name: '本县单位', kind: 'other', areaCode: A });
    expect(own.statusCode, own.body).toBe(201);
  },
  'GET /api/units': both(listing('GET /api/units', (s) => s.unit.code, { more: '?pageSize=500' }), areaRefused('GET /api/units')),
  'GET /api/units.csv': both(listing('GET /api/units.csv', (s) => s.unit.code), areaRefused('GET /api/units.csv')),
  'GET /api/units.xlsx': both(listing('GET /api/units.xlsx', (s) => s.unit.code), areaRefused('GET /api/units.xlsx')),
  'GET /api/units/:id': byId('GET /api/units/:id', (p) => thing(p).unit.id),
  'PATCH /api/units/:id': byId('PATCH /api/units/:id', (p) => thing(p).unit.id, (p) => ({ name: `改名${key(p)}` })),
  'POST /api/units/import': async () => {
    const code = uniq('I');
    const res = await at.A.office.post('/api/units/import', `code,name,kind,areaCode\n${code},外县,other,${B}\n`, { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body).toBeLessThan(500);
    expect(res.body, 'the row outside the scope is a bad row named by its number').toMatch(/"row":\s*2/);
    expect((await root.get(`/api/units?q=${code}`)).json().total).toBe(0);
  },
  'GET /api/units/import/template.csv': plain('GET /api/units/import/template.csv', (a) => a.get('/api/units/import/template.csv')),
  'GET /api/units/import/template.xlsx': plain('GET /api/units/import/template.xlsx', (a) => a.get('/api/units/import/template.xlsx')),
  'POST /api/units/assign': async () => {
    const unit = await unitAt(B);
    const res = await at.A.office.post('/api/units/assign', { technicianId: at.A.technician.user.id, unitIds: [unit.id] });
    expect(res.statusCode, res.body).toBeLessThan(500);
    expect((await root.get(`/api/units/${unit.id}`)).json().unit.assignee).toBeNull();
  },

  'POST /api/units/:id/events': byId('POST /api/units/:id/events', async (p) => (await unitAt(p)).id, () => BODIES['wiring.started']),
  'GET /api/units/:id/events': byId('GET /api/units/:id/events', (p) => thing(p).unit.id),
  'POST /api/events/:id/void': byId('POST /api/events/:id/void', async (p) => (await refusedAt(p)).step, () => ({ reason: '录错了' })),
  'GET /api/events': listing('GET /api/events', (s) => s.unit.id, { more: '?pageSize=500' }),

  'GET /api/live': async () => {
    for (const role of scopedRolesOf('GET /api/live')) {
      const [county, city, all] = await Promise.all([listen(at.A[role]), listen(at.city[role]), listen(at.root[role])]);
      try {
        const steps = { A: await unitAt(A), B: await unitAt(B), none: await unitAt(null) };
        for (const u of Object.values(steps)) expect((await root.post(`/api/units/${u.id}/events`, BODIES['wiring.started'])).statusCode).toBe(201);
        // the whole installation's stream hears all three: by then the others have heard what they will
        await expect.poll(() => Object.values(steps).every((u) => all.heard.has(u.id)), { timeout: 3000 }).toBe(true);
        await expect.poll(() => city.heard.has(steps.B.id) && county.heard.has(steps.A.id), { timeout: 3000 }).toBe(true);
        expect([county.heard.has(steps.B.id), county.heard.has(steps.none.id)], `county ${role} hears B's, none's`).toEqual([false, false]);
        expect([city.heard.has(steps.A.id), city.heard.has(steps.none.id)], `city ${role} hears A's, none's`).toEqual([true, false]);
      } finally {
        for (const s of [county, city, all]) s.close();
      }
    }
  },

  'GET /api/settings': areaRefused('GET /api/settings'),
  'PUT /api/settings': async () => {
    for (const area of [B, CITY]) {
      // a valid body (a 400 comes before the 404); the area form's shape is branch reports'
      const res = await at.A.office.put(`/api/settings?area=${area}`, { timezone: 'Asia/Shanghai', wiringDue: null, connectionDue: null, registrationGraceDays: 7, stallDays: 20, postponementLimit: 2 });
      expect(res.statusCode, `${area}: ${res.body}`).toBe(404);
    }
  },

  // entries about the place's unit (steps, notices), its user (an edit) and its contact's login
  'GET /api/audit': both(
    listing('GET /api/audit', (s) => s.unit.id, { more: '?pageSize=500' }),
    listing('GET /api/audit', (s) => `"target":"${s.user.id}"`, { more: '?pageSize=500&action=user.update' }),
    listing('GET /api/audit', (s) => `"target":"${s.contact.user.username.toLowerCase()}"`, { more: '?pageSize=500&group=sessions' }),
  ),

  'GET /api/reports/summary': both(sameAsAreaReport('GET /api/reports/summary'), areaRefused('GET /api/reports/summary')),
  'GET /api/reports/laggards': both(listing('GET /api/reports/laggards', (s) => s.unit.code, { more: '?pageSize=500' }), areaRefused('GET /api/reports/laggards')),
  'GET /api/reports/laggards.csv': both(listing('GET /api/reports/laggards.csv', (s) => s.unit.code), areaRefused('GET /api/reports/laggards.csv')),
  'GET /api/reports/laggards.xlsx': both(listing('GET /api/reports/laggards.xlsx', (s) => s.unit.code), areaRefused('GET /api/reports/laggards.xlsx')),
  'GET /api/reports/trend': both(sameAsAreaReport('GET /api/reports/trend'), areaRefused('GET /api/reports/trend')),
  'GET /api/reports/reasons': both(sameAsAreaReport('GET /api/reports/reasons'), areaRefused('GET /api/reports/reasons')),

  'GET /api/reports/areas': both(rollupSeen('GET /api/reports/areas'), areaRefused('GET /api/reports/areas', 'parent')),
  'GET /api/reports/areas.csv': both(rollupSeen('GET /api/reports/areas.csv'), areaRefused('GET /api/reports/areas.csv', 'parent')),
  'GET /api/reports/areas.xlsx': both(rollupSeen('GET /api/reports/areas.xlsx'), areaRefused('GET /api/reports/areas.xlsx', 'parent')),

  'GET /api/areas': both(async () => {
    for (const role of scopedRolesOf('GET /api/areas')) {
      const codes = async (agent: Agent, query = '') => {
        const res = await agent.get(`/api/areas${query}`);
        expect(res.statusCode, res.body).toBe(200);
        return (res.json().items as { code: string }[]).map((a) => a.code);
      };
      expect(await codes(at.A[role]), `the top of a county ${role}'s tree`).toEqual([A]);
      expect(await codes(at.city[role]), `the top of a city ${role}'s tree`).toEqual([CITY]);
      expect(await codes(at.city[role], `?parent=${CITY}`)).toEqual(expect.arrayContaining([A, B]));
      expect((await codes(at.root[role])).length, `the whole installation's: the provinces`).toBe(31);
    }
  }, areaRefused('GET /api/areas', 'parent')),
  'GET /api/areas/:code': async () => {
    for (const role of scopedRolesOf('GET /api/areas/:code')) {
      const unknown = await at.A[role].get('/api/areas/629999');
      expect(unknown.statusCode).toBe(404);
      for (const code of [B, CITY, '62']) {
        const res = await at.A[role].get(`/api/areas/${code}`);
        expect(res.statusCode, `${code} as county ${role}`).toBe(404);
        expect(res.json(), `${code} as county ${role}: the unknown area's answer`).toEqual(unknown.json());
      }
      const own = await at.A[role].get(`/api/areas/${A}`);
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json().ancestors.map((a: { code: string }) => a.code), 'its breadcrumb').toEqual(['62', CITY]);
      expect((await at.city[role].get(`/api/areas/${B}`)).statusCode).toBe(200);
      expect((await at.city[role].get('/api/areas/62')).statusCode).toBe(404);
      expect((await at.root[role].get('/api/areas/62')).statusCode).toBe(200);
    }
  },

  'POST /api/channels': async () => {
    for (const scope of [B, CITY, null]) {
      const res = await at.A.office.post('/api/channels', { name: '外县群', kind: 'wecom', webhookUrl: WEBHOOK, scope });
      expect(res.statusCode, `scope ${scope}: ${res.body}`).toBe(403);
    }
    const own = await at.A.office.post('/api/channels', { name: '本县群', kind: 'wecom', webhookUrl: WEBHOOK });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().channel.scope).toBe(A);
  },
  'GET /api/channels': listing('GET /api/channels', (s) => s.channel.name),
  'PATCH /api/channels/:id': byId('PATCH /api/channels/:id', (p) => thing(p).channel.id, () => ({ name: '改名群' })),
  'DELETE /api/channels/:id': byId('DELETE /api/channels/:id', async (p) => (await channelAt(p)).id),
  'POST /api/channels/:id/test': byId('POST /api/channels/:id/test', (p) => thing(p).channel.id),
  'GET /api/channels/:id/deliveries': byId('GET /api/channels/:id/deliveries', (p) => thing(p).channel.id),

  'POST /api/units/:id/notices': byId('POST /api/units/:id/notices', async (p) => (await refusedAt(p)).unit.id),
  'POST /api/notices/batch': async () => {
    // laggards not urged yet, in each place
    const fresh = { A: await refusedAt(A), B: await refusedAt(B), none: await refusedAt(null) };
    const res = await at.A.office.post('/api/notices/batch', { category: 'refused_wiring' });
    expect(res.statusCode, res.body).toBe(201);
    const urged = new Set(((await root.get(`/api/notices?pageSize=500`)).json().items as { unitId: string }[]).map((n) => n.unitId));
    expect([urged.has(fresh.A.unit.id), urged.has(fresh.B.unit.id), urged.has(fresh.none.unit.id)], 'urged by the county office: A, B, none').toEqual([true, false, false]);
  },
  'GET /api/notices': listing('GET /api/notices', (s) => s.unit.code, { more: '?pageSize=500' }),
  'GET /api/notices/:id': byId('GET /api/notices/:id', (p) => thing(p).notice),
  // a unit's contact alone may answer: its scope is its unit, as before areas
  'POST /api/notices/:id/answer': async () => {
    const { unit, notice } = await noticeAt(B);
    const contact = await t.as('unit', { unitId: unit.id });
    expect((await contact.post(`/api/notices/${notice}/answer`, { text: '已安排' })).statusCode).toBe(200);
    const other = await noticeAt(A);
    expect((await contact.post(`/api/notices/${other.notice}/answer`, { text: '已安排' })).statusCode).toBe(404);
  },
  'POST /api/notices/:id/withdraw': byId('POST /api/notices/:id/withdraw', async (p) => (await noticeAt(p)).notice, () => ({ reason: '发错了' })),
};

describe('the scope × route matrix', () => {
  it('has a case for every row of the access table', () => {
    expect(Object.keys(ACCESS).filter((k) => !CASES[k]), 'rows without a scope case').toEqual([]);
  });

  for (const k of Object.keys(ACCESS)) {
    it(`${k} (${ACCESS[k].scope})`, async () => {
      const c = CASES[k];
      if (!c) throw new Error(`no scope case for ${k}: add one to tests/api/scope.matrix.test.ts`);
      await c();
    });
  }
});

// What the scope × route matrix (scope.matrix.test.ts) is made of: two counties of 陇南市 (A
// 宕昌县, B 武都区) and units without a county, each with a unit, a step, a notice, users, a
// channel and audit entries (`useScopedWorld()` makes them for the file that calls it), the
// callers scoped to A, to the city and to the whole installation, and the kinds of case a row of
// the access table gets (by id, a listing, an area refused, a report, a roll-up, the live stream).
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { ACCESS } from '../../server/access.js';
import type { Role } from '../../shared/domain/catalogue.js';
import { uniq, type Agent, type TestApp } from '../helpers/app.js';
import { appTest, LONGNAN, TANCHANG, WUDU } from '../helpers/fixture.js';
import { BODIES } from '../helpers/steps.js';

export const A = TANCHANG;
export const B = WUDU;
export const CITY = LONGNAN;
/** where a thing is: a county, or nowhere (a unit without a county, a whole-installation user or channel) */
export type Place = typeof A | typeof B | null;
export const SCOPED_ROLES = ['office', 'viewer', 'technician'] as const;
export type ScopedRole = (typeof SCOPED_ROLES)[number];

export interface Seeded {
  unit: { id: string; code: string };
  step: string;
  notice: string;
  /** a viewer placed here (scoped to the county; for null, the whole installation) */
  user: { id: string; username: string };
  contact: Agent;
  channel: { id: string; name: string };
}

export let t: TestApp;
export let root: Agent;
export const at: Record<'A' | 'city' | 'root', Record<ScopedRole, Agent>> = {} as never;
export const seeded = new Map<Place, Seeded>();
export const WEBHOOK = 'http://127.0.0.1:9/cgi-bin/webhook/send?key=k';

export const key = (p: Place) => p ?? 'none';
export const thing = (p: Place) => seeded.get(p)!;

export async function unitAt(place: Place) {
  const unit = await t.unit({ kind: 'township', areaCode: place, name: `单位${key(place)}${uniq()}` });
  return { id: unit.id, code: unit.code };
}
/** a unit that refused the wiring just now, so a laggard and one step long; its step's id */
export async function refusedAt(place: Place) {
  const unit = await unitAt(place);
  const res = await root.post(`/api/units/${unit.id}/events`, BODIES['wiring.refused']);
  expect(res.statusCode, res.body).toBe(201);
  return { unit, step: res.json().event.id as string };
}
export async function noticeAt(place: Place) {
  const { unit } = await refusedAt(place);
  const res = await root.post(`/api/units/${unit.id}/notices`, {});
  expect(res.statusCode, res.body).toBe(201);
  return { unit, notice: res.json().notice.id as string };
}
export async function userAt(place: Place, role: ScopedRole = 'viewer') {
  const agent = await t.as(role, { scope: place });
  return agent.user;
}
export async function channelAt(place: Place) {
  const name = `群${key(place)}${uniq()}`;
  const res = await root.post('/api/channels', { name, kind: 'wecom', webhookUrl: WEBHOOK, scope: place });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().channel.id as string, name };
}

// robots on this machine only, at a port that refuses: a test message fails at once, nothing leaves
export const test = appTest({ NOTIFY_ALLOWED_HOSTS: '127.0.0.1', NOTIFY_TIMEOUT_MS: '1000' });

/** The callers and the things of A, B and no county, made once for the file that calls this. */
export function useScopedWorld() {
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
}

export const scopedRolesOf = (k: string): ScopedRole[] => {
  const roles = ACCESS[k].roles;
  return SCOPED_ROLES.filter((r) => roles === 'any' || roles === 'public' || (roles as readonly Role[]).includes(r));
};
export const call = (agent: Agent, method: string, url: string, body?: unknown) => agent.request(method as 'GET', url, method === 'GET' ? undefined : (body ?? {}));

// ——— cases by kind ——————————————————————————————————————————————————————————————————————————

/**
 * `:id` routes: for every scoped role the route admits, B's thing and a thing of no county get
 * exactly the body of an id that names nothing; A's thing is answered; the city reaches A's and
 * B's but not the county-less one; the whole installation reaches that one too. `target` makes
 * the thing (afresh when a call uses it up).
 */
export function byId(k: string, target: (p: Place) => Promise<string> | string, body?: (p: Place) => unknown) {
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
export async function textOf(res: LightMyRequestResponse): Promise<string> {
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
export function listing(k: string, mark: (s: Seeded) => string, opts: { more?: string; roles?: ScopedRole[] } = {}) {
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
export function areaRefused(k: string, param = 'area') {
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
export function sameAsAreaReport(k: string) {
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
export function rollupSeen(k: string) {
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

export const both = (...cases: (() => Promise<void>)[]) => async () => {
  for (const c of cases) await c();
};

/** Routes not about units: a scoped user is answered as anyone. */
export const plain = (k: string, request: (agent: Agent) => Promise<LightMyRequestResponse>) => async () => {
  for (const role of scopedRolesOf(k).length ? scopedRolesOf(k) : (['office'] as ScopedRole[])) {
    const res = await request(await t.as(role, { scope: A }));
    expect(res.statusCode, `${k} as county ${role}: ${res.body}`).toBeLessThan(400);
  }
};

/** Opens the live stream as `agent` and collects the units its `step` events name. */
export async function listen(agent: Agent) {
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

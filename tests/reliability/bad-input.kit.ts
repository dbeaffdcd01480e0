// What the two bad-input fuzz files (bad-input.test.ts, bad-input.headers.test.ts) share: the fuzz
// seed rule, the app and its callers, the set-up, and one request checked against every rule
// (never a 5xx, the contract's error body, no partial write).
//
// fast-check runs from a seed printed at the start: a fixed one on a developer's machine, a new
// one each CI run (.ci/run draws it), so that CI keeps finding new inputs; FUZZ_SEED=<n> replays
// a run, FUZZ_RUNS=<n> makes a longer hunt. Every file that imports this prints the seed it uses.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { SESSION_COOKIE } from '../../server/lib/session-cookie.js';
import { today } from '../../shared/domain/dates.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import { ErrorBody } from '../../shared/schemas/common.js';
import { errorOf, type Agent, type TestApp } from '../helpers/app.js';
import { appTest, TANCHANG } from '../helpers/fixture.js';
import { BODIES, bringTo } from '../helpers/steps.js';
import { trainingBody } from '../helpers/training.js';
import { XML_FORBIDDEN, type IdChoice, type Payload } from './fuzz/mutations.js';
import { type Route } from './fuzz/routes.js';
import { hashTables, type Snapshot, type TableHasher } from './fuzz/tables.js';

export const test = appTest({ LOGIN_MAX_FAILURES_PER_IP: '1000000', TRUST_PROXY: 'true' });

export const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.CI ? Math.floor(Math.random() * 2 ** 31) : 20260515;
console.log(`bad input: fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays this run)`);
export const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
export const HEADER_RUNS = Math.round(RUNS / 4);
/** about 11 ms a run on PGlite, ten times that on a machine eight people share; a long hunt gets the time it needs */
export const timeFor = (runs: number) => 60_000 + runs * 300;

// ——— the fixtures ——————————————————————————————————————————————————————————————————————————

export let t: TestApp;
export let office: Agent;
export let technician: Agent;
export let contact: Agent;
export let viewer: Agent;
/** owns the throwaway sessions that the auth routes are called with: login and logout end them */
export let sessionOwner: Agent;
/** the user PATCH /api/users/:id aims at: no caller, so that no caller's session is ended */
export let patchTarget: string;
export let unitIds: string[];
export let unitCodes: string[];
export let stepIds: string[];
export let h: TableHasher;
export const NOBODY = 'nobody-at-all';
export const PARENT = 'P-FUZZ';
export const CLIENT_EVENT_IDS = ['0f5b9a53-6f3c-4d47-9e1e-6a3f0b1c2d01', '0f5b9a53-6f3c-4d47-9e1e-6a3f0b1c2d02'];

/** The app's callers, units and steps, made once for the file that calls this. */
export function useFuzzApp() {
  test.beforeAll(async ({ t: testApp, office: fOffice, technician: fTechnician, viewer: fViewer }) => {
    t = testApp;
    // the limit per address is raised: every injected request comes from 127.0.0.1, and a run of
    // wrong passwords would otherwise throttle every later login. The one per username stays.
    // and behind a trusted proxy, so that X-Forwarded-For reaches the throttle and the audit log
    [office, technician, viewer] = [fOffice, fTechnician, fViewer];
    // an office of its own, apart from the callers
    sessionOwner = await t.as('office');
    const units = await Promise.all([t.unit({ parentCode: PARENT }), t.unit({ parentCode: PARENT }), t.unit()]);
    unitIds = units.map((u) => u.id);
    unitCodes = units.map((u) => u.code);
    contact = await t.as('unit', { unitId: unitIds[0] });
    patchTarget = (await t.as('technician')).user.id;
    await bringTo(office, unitIds[0], 'connected');
    await bringTo(office, unitIds[1], 'wired');
    await seedObjects();
    h = await hashTables(t.database);
    stepIds = (await h.rows<{ id: string }>(sql`select id::text as id from steps order by seq`)).map((r) => r.id);
  });
}

/**
 * One of each object a route's path may name besides units, steps and users, so that the fuzz
 * reaches those handlers from its first run: a county with a laggard (a 督办 finds something to
 * urge), a training running now with one unit attended and its report-back, a display link, an
 * issued bulletin. The fuzz makes more of them itself.
 */
async function seedObjects() {
  const laggard = await t.unit({ kind: 'township', areaCode: TANCHANG, parentCode: PARENT });
  const created = async (path: string, body: object) => {
    const res = await office.post(path, body);
    expect(res.statusCode, `${path}: ${res.body}`).toBe(201);
    return res.json();
  };
  await created(`/api/units/${laggard.id}/events`, BODIES['wiring.refused']);
  const training = (await created('/api/trainings', trainingBody({ unitIds: [unitIds[0], laggard.id] }))).training as { id: string };
  const attended = await office.post(`/api/trainings/${training.id}/attendance`, { unitId: unitIds[0], status: 'attended', attendee: '张三' });
  expect(attended.statusCode, attended.body).toBe(200);
  await created(`/api/trainings/${training.id}/report-backs`, { unitId: unitIds[0], reportedOn: today(DEFAULT_SETTINGS.timezone), leader: '局长', form: 'meeting', colleaguesReached: 3, summary: '已汇报' });
  await created('/api/display-links', { label: '大厅屏幕' });
  await created('/api/bulletins', {});
}

export const realIds = () => [...unitIds, ...stepIds, patchTarget, technician.user.id, '00000000-0000-0000-0000-000000000000', unitIds[0].toUpperCase()];

export type Caller = 'office' | 'technician' | 'unit' | 'viewer' | 'anonymous' | 'session';
export const callersFor = (route: Route): fc.Arbitrary<Caller> =>
  route.auth
    ? fc.constantFrom<Caller>('session', 'session', 'anonymous')
    : fc.oneof({ weight: 12, arbitrary: fc.constant<Caller>(route.mainCaller) }, { weight: 1, arbitrary: fc.constantFrom<Caller>('office', 'technician', 'unit', 'viewer', 'anonymous') });

const NO_ID = '00000000-0000-0000-0000-000000000000';

/** A step to aim at: a third of the time the most recent live one (voidable), else any. */
async function stepId(pick: number): Promise<string> {
  const found =
    pick % 3 === 0
      ? await h.rows<{ id: string }>(sql`select id::text as id from steps where not voided order by recorded_at desc, seq desc limit 1`)
      : await h.rows<{ id: string }>(sql`select id::text as id from steps order by id`);
  return found.length ? found[pick % found.length].id : NO_ID;
}

/**
 * One row of `table` to aim at: any there is (the set-up made one, the fuzz makes more itself),
 * else an id that names nothing.
 */
async function anyId(table: string, pick: number): Promise<string> {
  const found = await h.rows<{ id: string }>(sql`select id::text as id from ${sql.identifier(table)} order by id`);
  return found.length ? found[pick % found.length].id : NO_ID;
}

/**
 * An area to aim at: one holding units (the set-up's laggard's county, its city, its province), so
 * that a 督办 meets laggards, or once in a while one that holds none or names nothing.
 */
async function areaCode(pick: number): Promise<string> {
  const found = await h.rows<{ code: string }>(sql`select a.code from areas a where exists (select 1 from units u where u.area_code like a.code || '%') order by a.code`);
  const codes = [...found.map((r) => r.code), '620102', '99'];
  return codes[pick % codes.length];
}

/** A real id of the kind the route's path names (fuzz/routes.ts idKindOf), picked by `pick`. */
export async function resolveId(route: Route, id: IdChoice): Promise<string> {
  if ('literal' in id) return id.literal;
  const kind = id.ref === 'own' ? route.idKind : id.ref;
  switch (kind) {
    case 'unit': return unitIds[id.pick % unitIds.length];
    case 'user': return patchTarget;
    case 'step': return stepId(id.pick);
    case 'notice': return anyId('notices', id.pick);
    case 'channel': return anyId('notify_channels', id.pick);
    case 'training': return anyId('trainings', id.pick);
    case 'reportBack': return anyId('report_backs', id.pick);
    case 'displayLink': return anyId('display_links', id.pick);
    case 'bulletin': return anyId('bulletins', id.pick);
    case 'area': return areaCode(id.pick);
  }
}

export async function cookieOf(caller: Caller): Promise<string | undefined> {
  switch (caller) {
    case 'office': return office.cookie;
    case 'technician': return technician.cookie;
    case 'unit': return contact.cookie;
    case 'viewer': return viewer.cookie;
    case 'anonymous': return undefined;
    case 'session': return `${SESSION_COOKIE}=${await t.app.sessions.create(sessionOwner.user.id)}`;
  }
}

// ——— what came back ————————————————————————————————————————————————————————————————————————

/** Whether the handler answered, or something before it (parsing, schema, login, role, routing). */
type Outcome = '2xx' | 'handler' | 'schema' | 'auth' | 'no route' | 'too large';

function outcomeOf(route: Route, res: LightMyRequestResponse): Outcome {
  if (res.statusCode < 400) return '2xx';
  const { message } = errorOf(res);
  switch (res.statusCode) {
    case 400:
      return /^invalid |^the body is not valid JSON$|^content-type |^the request is not valid$/.test(message) ? 'schema' : 'handler';
    case 401:
      return route.key === 'POST /api/auth/login' && message === 'wrong username or password' ? 'handler' : 'auth';
    case 403:
      return ['your role may not do this', 'cross-site request refused'].includes(message) ? 'auth' : 'handler';
    case 404:
      return message.startsWith('no route') ? 'no route' : 'handler';
    case 413:
      return 'too large';
    default:
      return 'handler';
  }
}

export const stats = new Map<string, Map<string, number>>();
export function tally(route: Route, outcome: Outcome, status: number) {
  const row = stats.get(route.key) ?? new Map<string, number>();
  stats.set(route.key, row);
  for (const k of ['runs', outcome, `${status}`]) row.set(k, (row.get(k) ?? 0) + 1);
}

/** encodeURIComponent, which throws on a lone surrogate: that one goes as the bytes of one. */
export const encodePathText = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
};

export const excerpt = (v: unknown, n = 300) => {
  const s = Buffer.isBuffer(v) ? `<buffer ${v.toString('hex').slice(0, 60)}>` : String(v);
  return s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s;
};

/** A new snapshot before the next request: a run of requests starts from what the tables hold then. */
export function forgetSnapshot() {
  current = undefined;
}

/** One request, and every rule checked on its answer. The snapshot is kept between runs while nothing succeeds. */
let current: { snap: Snapshot; audit: number } | undefined;

export async function check(route: Route, id: IdChoice, caller: Caller, p: Payload, headers: Record<string, string> = {}) {
  const url = route.path.replace(/:[A-Za-z]+/g, () => '\u0000').split('\u0000');
  const parts: string[] = [url[0]];
  for (let i = 1; i < url.length; i++) parts.push(await resolveId(route, id), url[i]);
  const path = parts.join('') + (p.query ?? '');
  const cookie = await cookieOf(caller);
  if (caller === 'session') current = undefined; // a new session row
  current ??= { snap: await h.snapshot(), audit: await h.auditMax() };

  const res = await t.app.inject({
    method: route.method,
    url: path,
    // a fuzzed cookie header goes after the caller's session, which it must not replace (the first
    // of two same-named cookies is the one read): the caller stays who it is, the rest is junk
    headers: {
      ...(p.contentType !== undefined ? { 'content-type': p.contentType } : {}),
      ...headers,
      ...(cookie ? { cookie: headers.cookie === undefined ? cookie : `${cookie}; ${headers.cookie}` } : {}),
    },
    ...(p.payload === undefined ? {} : { payload: p.payload }),
  });
  const what = () =>
    `${route.method} ${excerpt(path, 120)} as ${caller}, content-type ${p.contentType}, headers ${excerpt(JSON.stringify(headers), 200)}, body ${excerpt(p.payload)} → ${res.statusCode} ${excerpt(res.body)}`;

  expect(res.statusCode, what()).toBeLessThan(500);
  if (res.statusCode >= 400) {
    let parsed: unknown;
    try {
      parsed = res.json();
    } catch {
      parsed = undefined;
    }
    expect(ErrorBody.safeParse(parsed).success, `not the contract's error body: ${what()}`).toBe(true);
    expect(String(res.headers['content-type']), what()).toMatch(/^application\/json/);
    expect(res.headers['cache-control'], what()).toBe('no-store');
    const changes = await h.changesAfterRefusal(current.snap, current.audit, route.key, res.statusCode, p.body);
    expect(changes, `a refused request wrote: ${what()}`).toEqual([]);
    if (route.key === 'POST /api/auth/login' && [401, 429].includes(res.statusCode)) current = undefined; // its audit row
    if (route.key === 'POST /api/auth/password' && [400, 429].includes(res.statusCode)) current = undefined; // a wrong current password's row
  } else {
    current = undefined;
  }
  tally(route, outcomeOf(route, res), res.statusCode);
}

export function report(title: string) {
  const lines = [...stats].map(([key, row]) => {
    const runs = row.get('runs') ?? 0;
    const reached = (row.get('2xx') ?? 0) + (row.get('handler') ?? 0);
    const statuses = [...row].filter(([k]) => /^\d+$/.test(k)).sort().map(([k, n]) => `${k}×${n}`).join(' ');
    return `${key.padEnd(30)} runs ${String(runs).padStart(4)}  handler ${String(reached).padStart(4)}  2xx ${String(row.get('2xx') ?? 0).padStart(4)}  ${statuses}`;
  });
  console.log(`${title} (seed ${SEED})\n${lines.join('\n')}`);
}

export const totals = () => {
  let runs = 0, reached = 0, ok = 0;
  for (const row of stats.values()) {
    runs += row.get('runs') ?? 0;
    ok += row.get('2xx') ?? 0;
    reached += (row.get('2xx') ?? 0) + (row.get('handler') ?? 0);
  }
  return { runs, reached, ok };
};

/** What the accepted writes stored: text a workbook can carry, and reports that answer. */
export async function expectWhatWasStoredIsExportable() {
  // every text and jsonb column of every table, for the characters XML 1.0 forbids
  const forbidden = `[${XML_FORBIDDEN.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`;
  const columns = await h.rows<{ t: string; c: string; type: string }>(sql`select table_name as t, column_name as c, data_type as type from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb')`);
  const found: string[] = [];
  for (const { t: table, c: column, type } of columns) {
    // jsonb's text form writes a control character as an escape: \u0001 (\b and \f are not looked for)
    const escaped = type === 'jsonb' ? ` or "${column}"::text ~ '\\\\u00(0[1-7bef]|1[0-9a-f])'` : '';
    const hits = await h.rows<{ v: string }>(sql.raw(`select "${column}"::text as v from "${table}" where "${column}"::text ~ E'${forbidden}'${escaped} limit 3`));
    for (const { v } of hits) found.push(`${table}.${column}: ${JSON.stringify(v).slice(0, 80)}`);
  }
  expect(found, 'text stored that a workbook cannot carry').toEqual([]);
  for (const url of ['/api/reports/laggards.xlsx', '/api/reports/summary', '/api/reports/laggards?asOf=2026-01-01']) {
    const res = await office.get(url);
    expect(res.statusCode, `${url} after the fuzz: ${res.body.slice(0, 200)}`).toBe(200);
  }
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await office.get('/api/reports/laggards.xlsx')).rawPayload as unknown as ArrayBuffer);
  expect(book.worksheets.length).toBeGreaterThan(0);
}


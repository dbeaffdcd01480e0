// Any JSON body, any headers, any path id on the write routes: never a 5xx, never a partial
// write, always the contract's error body.
//
// The routes come from the access table (server/access.ts): a new write route is fuzzed as soon
// as it has a row. Bodies are valid ones (a seed per route) that fast-check mutates — a field
// dropped, retyped, made huge, nulled, unicode, out of range, extra keys — besides arbitrary JSON
// and raw junk, so that most runs get past validation into the handler. After every refused
// request (status >= 400) each application table must hash exactly as before; the only write a
// refusal may make is the audit row of a failed or throttled login (login throttling counts them,
// server/features/auth/auth.routes.ts).
//
// The bugs it found (text PostgreSQL cannot store, "" as an id, router errors in Fastify's own
// body) are pinned by the cases at the end.
//
// fast-check runs from a fixed seed (printed with any counterexample); FUZZ_SEED=<n> and
// FUZZ_RUNS=<n> change it for a longer hunt.
import fc from 'fast-check';
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../db/schema/index.js';
import { ACCESS } from '../../server/access.js';
import { JSON_BODY_LIMIT } from '../../server/app.js';
import { SESSION_COOKIE } from '../../server/features/auth/sessions.js';
import { ErrorBody } from '../../shared/schemas/common.js';
import { createTestApp, errorOf, PASSWORD, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { BODIES, bringTo } from '../helpers/steps.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20260515);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const HEADER_RUNS = Math.round(RUNS / 4);

// ——— the routes ———————————————————————————————————————————————————————————————————————————

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type IdKind = 'unit' | 'step' | 'user';
interface Route {
  key: string;
  method: Method;
  path: string;
  /** what a `:param` of the path names, read from the segment before it */
  idKind: IdKind;
  auth: boolean;
}

const ROUTES: Route[] = Object.keys(ACCESS)
  .map((key) => key.split(' ') as [string, string])
  .filter(([method]) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
  .map(([method, path]) => {
    const before = path.split('/').findLast((s, i, all) => all[i + 1]?.startsWith(':')) ?? '';
    const idKind: IdKind = before === 'users' ? 'user' : before === 'events' ? 'step' : 'unit';
    return { key: `${method} ${path}`, method: method as Method, path, idKind, auth: path.startsWith('/api/auth/') };
  });

// ——— the fixtures ——————————————————————————————————————————————————————————————————————————

let t: TestApp;
let office: Agent;
let technician: Agent;
let contact: Agent;
let viewer: Agent;
/** owns the throwaway sessions that the auth routes are called with: login and logout end them */
let sessionOwner: Agent;
/** the user PATCH /api/users/:id aims at: no caller, so that no caller's session is ended */
let patchTarget: string;
let unitIds: string[];
let unitCodes: string[];
let stepIds: string[];
const NOBODY = 'nobody-at-all';
const PARENT = 'P-FUZZ';
const CLIENT_EVENT_IDS = ['0f5b9a53-6f3c-4d47-9e1e-6a3f0b1c2d01', '0f5b9a53-6f3c-4d47-9e1e-6a3f0b1c2d02'];

beforeAll(async () => {
  // the limit per address is raised: every injected request comes from 127.0.0.1, and a run of
  // wrong passwords would otherwise throttle every later login. The one per username stays.
  t = await createTestApp({ LOGIN_MAX_FAILURES_PER_IP: '1000000' });
  [office, technician, viewer, sessionOwner] = await Promise.all([t.as('office'), t.as('technician'), t.as('viewer'), t.as('office')]);
  const units = await Promise.all([t.unit({ parentCode: PARENT }), t.unit({ parentCode: PARENT }), t.unit()]);
  unitIds = units.map((u) => u.id);
  unitCodes = units.map((u) => u.code);
  contact = await t.as('unit', { unitId: unitIds[0] });
  patchTarget = (await t.as('technician')).user.id;
  await bringTo(office, unitIds[0], 'connected');
  await bringTo(office, unitIds[1], 'wired');
  stepIds = (await rows<{ id: string }>(sql`select id::text as id from steps order by seq`)).map((r) => r.id);
  tables = (await rows<{ name: string }>(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`)).map((r) => r.name);
});
afterAll(() => t?.close());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await t.database.db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

// ——— the database, hashed ——————————————————————————————————————————————————————————————————

/** Columns that change on a read: a session's idle clock moves at most once a minute on use. */
const VOLATILE: Record<string, string[]> = { sessions: ['last_seen_at'] };
let tables: string[];

type Snapshot = Record<string, string>;

/** One digest per application table over every column of every row (order-independent). */
async function snapshot(auditUpTo?: number): Promise<Snapshot> {
  const parts = tables.map((name) => {
    const drop = (VOLATILE[name] ?? []).map((c) => ` - '${c}'`).join('');
    const where = name === 'audit' && auditUpTo !== undefined ? ` where x.id <= ${auditUpTo}` : '';
    return `select '${name}' as name, count(*) || ':' || md5(coalesce(string_agg(r, E'\\n' order by r), '')) as digest
      from (select (to_jsonb(x)${drop})::text as r from "${name}" x${where}) s`;
  });
  const found = await rows<{ name: string; digest: string }>(sql.raw(parts.join(' union all ')));
  return Object.fromEntries(found.map((r) => [r.name, r.digest]));
}

const changedTables = (a: Snapshot, b: Snapshot) => tables.filter((n) => a[n] !== b[n]).sort();

const auditMax = async () => (await rows<{ n: number }>(sql`select coalesce(max(id), 0)::int as n from audit`))[0].n;

interface AuditRow {
  action: string;
  target: string | null;
  actor_id: string | null;
}

/**
 * What a refused request changed, as a list of complaints (empty: nothing). The documented
 * exception: a login refused with 401 or 429 appends exactly one audit row for that username.
 */
async function changesAfterRefusal(before: Snapshot, beforeAudit: number, route: Route, status: number, body: unknown): Promise<string[]> {
  const after = await snapshot();
  const changed = tables.filter((n) => after[n] !== before[n]);
  if (changed.length === 0) return [];
  const complaints = changed.filter((n) => n !== 'audit').map((n) => `${n} changed (${before[n]} → ${after[n]})`);
  if (changed.includes('audit')) {
    const added = await rows<AuditRow>(sql`select action, target, actor_id from audit where id > ${beforeAudit} order by id`);
    const old = (await snapshot(beforeAudit)).audit;
    if (old !== before.audit) complaints.push('audit rows that existed before were changed');
    const username = typeof (body as { username?: unknown })?.username === 'string' ? (body as { username: string }).username.trim().toLowerCase() : undefined;
    const expected = route.key === 'POST /api/auth/login' ? (status === 401 ? 'auth.login_failed' : status === 429 ? 'auth.login_throttled' : undefined) : undefined;
    const allowed = expected !== undefined && added.length === 1 && added[0].action === expected && added[0].target === username && added[0].actor_id === null;
    if (!allowed) complaints.push(`audit gained ${JSON.stringify(added)}`);
  }
  return complaints;
}

// ——— the values a fuzzer throws ———————————————————————————————————————————————————————————

const huge = (ch: string, n: number) => ch.repeat(n);
const EDGE_STRINGS = [
  '', ' ', '\t\n', 'null', 'undefined', 'true', '0', '-1', 'NaN', 'Infinity', '[]', '{}',
  "'; drop table units; --", '%s%n', '\\', '"', '<script>alert(1)</script>', '../../etc/passwd',
  '\u200b', '\u202e', '\ufeff', 'Ａ', '𠀋', '👩‍👩‍👧', 'é', 'ﬁ', 'İ', '\ud800', '\udc00x', '\u0085', '\u2028', '\u0000', 'a\u0000b',
];
const EDGE_DATES = [
  '1969-12-31', '1970-01-01', '0000-01-01', '9999-12-31', '2026-02-30', '2025-02-29', '2026-13-01', '+275760-09-13',
  '2026-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '2999-01-01T00:00:00Z', '2026-01-01T00:00:00', '2026-01-01 08:00:00+08',
  '2026-06-01T25:00:00Z', '2026-06-01T12:00:00+24:00', new Date(Date.now() - 3_600_000).toISOString(), '20260101', 'today',
];
const EDGE_NUMBERS = [0, -0, -1, 1, 0.5, 1.5, 7, 100, 101, 365, 366, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e21, 1e308, -1e308, Number.MIN_VALUE];
const realIds = () => [...unitIds, ...stepIds, patchTarget, technician.user.id, '00000000-0000-0000-0000-000000000000', unitIds[0].toUpperCase()];

/** A value to put where a field was. */
const nasty = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<unknown>(null, true, false, ...EDGE_NUMBERS) },
    { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })) },
    { weight: 3, arbitrary: fc.constantFrom(...EDGE_STRINGS, ...EDGE_DATES) },
    // U+0000, which PostgreSQL text cannot hold
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })).map(([a, b]) => `${a}\u0000${b}`) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('x', '字', '😀', ' ', 'é'), fc.integer({ min: 101, max: 200_000 })).map(([c, n]) => huge(c, n)) },
    // over the JSON body limit: a 413
    { weight: 1, arbitrary: fc.constant(huge('x', JSON_BODY_LIMIT + 1)) },
    { weight: 2, arbitrary: fc.constantFrom(...realIds()) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'id', 'revision', 'progress', 'stepCount', 'createdAt', 'passwordHash', 'role', 'unitId', 'voided', 'seq', 'x'];

/** Text to put inside a text field, keeping it a string: what gets past the schemas to the database. */
const nastyText = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...EDGE_STRINGS.filter(Boolean)),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
    fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f', '\ud83d', '\uffff'),
    fc.tuple(fc.constantFrom('x', '字', '😀'), fc.integer({ min: 50, max: 2000 })).map(([c, n]) => huge(c, n)),
  );

type Op =
  | { kind: 'drop'; at: number }
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'deep'; at: number; inner: number; value: unknown }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'splice'; at: number; text: string }
  | { kind: 'wrap' };

const ops = (): fc.Arbitrary<Op[]> =>
  fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }) },
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: nasty() }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('deep' as const), at: fc.nat(), inner: fc.nat(), value: nasty() }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('extra' as const), key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 10 })), value: nasty() }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'wrap' as const }) },
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), text: nastyText() }) },
    ),
    { minLength: 1, maxLength: 3 },
  );

const FREE_TEXT = new Set(['name', 'displayName', 'note', 'reason', 'address', 'contactName', 'username', 'password', 'platformRef', 'circuitId', 'parentCode']);

/** Sets a key as data, never as a prototype (`__proto__`). */
function put(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function mutate(seed: unknown, list: Op[]): unknown {
  let body: unknown = structuredClone(seed);
  for (const op of list) {
    if (op.kind === 'wrap') {
      body = [body];
      continue;
    }
    if (!isObject(body)) continue;
    const keys = Object.keys(body);
    if (op.kind === 'extra') put(body, op.key, op.value);
    else if (op.kind === 'splice') {
      // into a text field, nested ones included (a step's data)
      const texts: [Record<string, unknown>, string][] = [];
      const walk = (o: Record<string, unknown>) => Object.entries(o).forEach(([k, v]) => (typeof v === 'string' ? texts.push([o, k]) : isObject(v) && walk(v)));
      walk(body);
      // every other time into free text (a name, a note), which the schemas pass on to the database
      const free = texts.filter(([, k]) => FREE_TEXT.has(k));
      const pool = op.at % 2 === 0 && free.length ? free : texts;
      if (pool.length === 0) continue;
      const [owner, key] = pool[Math.floor(op.at / 2) % pool.length];
      const text = owner[key] as string;
      const at = Math.floor(text.length / 2);
      put(owner, key, text.slice(0, at) + op.text + text.slice(at));
    }
    else if (keys.length === 0) continue;
    else if (op.kind === 'drop') delete body[keys[op.at % keys.length]];
    else if (op.kind === 'set') put(body, keys[op.at % keys.length], op.value);
    else {
      const nested = keys.map((k) => body && (body as Record<string, unknown>)[k]).filter(isObject);
      if (nested.length === 0) put(body, keys[op.at % keys.length], op.value);
      else {
        const inner = nested[op.at % nested.length];
        const innerKeys = Object.keys(inner);
        put(inner, innerKeys.length ? innerKeys[op.inner % innerKeys.length] : 'x', op.value);
      }
    }
  }
  return body;
}

/** A CSV seed broken at the text level. */
const csvMutation = () =>
  fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(',', '"', '\n', '\r\n', ',,,', '"a""b', '\ufeff', '\u0000', ';'), fc.string({ unit: 'grapheme', maxLength: 20 })) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('dropLine' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('huge' as const), n: fc.integer({ min: 200, max: 50_000 }) }),
  );
type CsvOp = typeof csvMutation extends () => fc.Arbitrary<infer T> ? T : never;

function mutateCsv(text: string, list: CsvOp[]): string {
  for (const op of list) {
    if (op.kind === 'insert') {
      const at = op.at % (text.length + 1);
      text = text.slice(0, at) + op.text + text.slice(at);
    } else if (op.kind === 'cut') text = text.slice(0, op.at % (text.length + 1));
    else if (op.kind === 'dropLine') {
      const lines = text.split('\n');
      lines.splice(op.at % lines.length, 1);
      text = lines.join('\n');
    } else text = text.replace(/\n([^,\n]*),/, `\n$1${huge('长', op.n)},`);
  }
  return text;
}

// ——— the requests ——————————————————————————————————————————————————————————————————————————

interface Payload {
  /** what was meant, for the audit exception and for the report */
  body: unknown;
  payload?: string | Buffer;
  contentType?: string;
  query?: string;
  origin: 'seed' | 'mutated' | 'json' | 'raw';
}

const json = (body: unknown, origin: Payload['origin'], contentType = 'application/json'): Payload => ({ body, payload: JSON.stringify(body) ?? 'null', contentType, origin });

const pastIso = fc.integer({ min: 60_000, max: 30 * 86_400_000 }).map((ago) => new Date(Date.now() - ago).toISOString());
const futureDate = fc.integer({ min: 1, max: 400 }).map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10));
const name = fc.oneof(fc.constantFrom('县委办', '城关镇', '财政局', 'Bureau of Works'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== ''));
const username = fc.stringMatching(/^[a-z][a-z0-9._@-]{1,20}$/);

/** A valid body for each write route, or near enough: some refusals (a taken code, a step out of order) come from the handler. */
function seeds(): Record<string, fc.Arbitrary<Payload>> {
  // sometimes a code that is taken: a 409 from the handler
  const code = fc.oneof({ weight: 8, arbitrary: fc.stringMatching(/^[A-Z][A-Z0-9._-]{2,11}$/) }, { weight: 1, arbitrary: fc.constantFrom(...unitCodes) });
  const unitFields = {
    code,
    name,
    kind: fc.constantFrom('township', 'department', 'other'),
    parentCode: fc.constantFrom(PARENT, 'P-OTHER', null),
    contactName: fc.constantFrom('王科长', null),
    contactPhone: fc.constantFrom('0571-8888 1234', '+86 138 0000 0000', null),
    address: fc.constantFrom('县政府大院3号楼', null),
    wiringDue: fc.oneof(futureDate, fc.constant(null)),
    connectionDue: fc.oneof(futureDate, fc.constant(null)),
    assigneeId: fc.constantFrom(technician.user.id, null),
  };
  const step = fc
    .tuple(fc.constantFrom(...Object.values(BODIES)), fc.option(pastIso, { nil: undefined }), fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...CLIENT_EVENT_IDS) }, { weight: 1, arbitrary: fc.uuid() }))
    .map(([body, occurredAt, clientEventId]) => ({ ...body, ...(occurredAt ? { occurredAt } : {}), ...(clientEventId ? { clientEventId } : {}) }));
  const csvRow = fc.record({ code, name: fc.constantFrom('县委办', '城关镇'), kind: fc.constantFrom('township', 'department', '乡镇', '部门') });
  const csv = fc
    .tuple(fc.constantFrom('code,name,kind', '编码,名称,类型,上级编码,负责技术员', 'code,name,kind,unused'), fc.array(csvRow, { minLength: 1, maxLength: 3 }))
    .map(([header, list]) => [header, ...list.map((r) => (header.startsWith('编码') ? `${r.code},${r.name},${r.kind},${PARENT},${technician.user.username}` : `${r.code},${r.name},${r.kind}${header.endsWith('unused') ? ',x' : ''}`))].join('\n'));
  return {
    'POST /api/auth/login': fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom({ username: viewer.user.username, password: PASSWORD }, { username: ` ${viewer.user.username.toUpperCase()} `, password: PASSWORD }) },
      { weight: 1, arbitrary: fc.constant({ username: NOBODY, password: 'wrong password' }) },
    ).map((b) => json(b, 'seed')),
    'POST /api/auth/logout': fc.constant(json({}, 'seed')),
    'POST /api/users': fc
      .oneof(
        fc.record({ username, displayName: name, role: fc.constantFrom('office', 'technician', 'viewer'), password: fc.constant('long enough 1') }),
        fc.record({ username, displayName: name, role: fc.constant('unit'), password: fc.constant('long enough 1'), unitId: fc.constantFrom(...unitIds) }),
        fc.record({ username: fc.constant(viewer.user.username.toUpperCase()), displayName: name, role: fc.constant('viewer'), password: fc.constant('long enough 1') }),
      )
      .map((b) => json(b, 'seed')),
    'PATCH /api/users/:id': fc
      .oneof(
        fc.record({ displayName: name }),
        fc.record({ role: fc.constantFrom('office', 'technician', 'viewer') }),
        fc.record({ role: fc.constant('unit'), unitId: fc.constantFrom(...unitIds) }),
        fc.record({ password: fc.constant('another one 2') }),
        fc.record({ disabled: fc.boolean() }),
        fc.constant({}),
      )
      .map((b) => json(b, 'seed')),
    'POST /api/units': fc.record(unitFields, { requiredKeys: ['code', 'name', 'kind'] }).map((b) => json(b, 'seed')),
    'PATCH /api/units/:id': fc.record(unitFields, { requiredKeys: [] }).map((b) => json(b, 'seed')),
    'POST /api/units/import': fc
      .tuple(csv, fc.constantFrom('', '', '?dryRun=true', '?dryRun=false'))
      .map(([text, query]) => ({ body: text, payload: text, contentType: 'text/csv', query, origin: 'seed' as const })),
    'POST /api/units/assign': fc
      .oneof(
        fc.record({ technicianId: fc.constantFrom(technician.user.id, null), unitIds: fc.subarray(unitIds, { minLength: 1 }) }),
        fc.record({ technicianId: fc.constantFrom(technician.user.id, null), parentCode: fc.constant(PARENT) }),
      )
      .map((b) => json(b, 'seed')),
    'POST /api/units/:id/events': step.map((b) => json(b, 'seed')),
    'POST /api/events/:id/void': fc.constantFrom({ reason: '录错了单位' }, { reason: 'mistake' }).map((b) => json(b, 'seed')),
    'PUT /api/settings': fc
      .record({
        timezone: fc.constantFrom('Asia/Shanghai', 'UTC', 'Etc/GMT-8', 'Asia/Urumqi'),
        wiringDue: fc.oneof(futureDate, fc.constant(null)),
        connectionDue: fc.oneof(futureDate, fc.constant(null)),
        registrationGraceDays: fc.integer({ min: 0, max: 365 }),
        stallDays: fc.integer({ min: 1, max: 365 }),
        postponementLimit: fc.integer({ min: 1, max: 100 }),
      })
      .map((b) => json(b, 'seed')),
  };
}

const FIELDS = ['type', 'code', 'name', 'kind', 'data', 'reason', 'occurredAt', 'clientEventId', 'username', 'password', 'role', 'unitId', 'timezone', 'unitIds', 'technicianId', 'stallDays', 'disabled'];
const RAW_JUNK: (string | Buffer)[] = [
  '', ' ', '{', '}', '{"code": ', 'null', '[]', '"text"', '0', 'true', '{"a":1,"a":2}', '\ufeff{}',
  '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"stallDays": 1e400}',
  '{"type": "wiring.started"}garbage', '['.repeat(5000), '{"a":'.repeat(2000), '\u0000', 'code,name,kind\nA,B,township',
  Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
  Buffer.from('PK\u0003\u0004 not really a workbook'),
];
const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'APPLICATION/JSON', 'text/plain', 'text/csv',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/json, text/csv', ';;', '',
];

/** Bodies for a route: its seed kept or mutated, arbitrary JSON, or raw junk under any content type. */
function bodiesFor(route: Route, seed: fc.Arbitrary<Payload> | undefined): fc.Arbitrary<Payload> {
  const base = seed ?? fc.constant(json({}, 'seed'));
  const mutated =
    route.key === 'POST /api/units/import'
      ? fc.tuple(base, fc.array(csvMutation(), { minLength: 1, maxLength: 3 })).map(([p, list]): Payload => {
          const text = mutateCsv(String(p.body), list);
          return { ...p, body: text, payload: text, origin: 'mutated' };
        })
      : fc.tuple(base, ops()).map(([p, list]) => json(mutate(p.body, list), 'mutated'));
  return fc.oneof(
    { weight: 5, arbitrary: base },
    { weight: 7, arbitrary: mutated },
    { weight: 1, arbitrary: fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(...FIELDS), fc.jsonValue())).map((b) => json(b, 'json')) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.oneof(fc.constantFrom(...RAW_JUNK), fc.string({ unit: 'binary', maxLength: 50 })), fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }))
        .map(([payload, contentType]): Payload => ({ body: undefined, payload, contentType, origin: 'raw' })),
    },
    { weight: 1, arbitrary: fc.tuple(base, fc.constantFrom(...CONTENT_TYPES)).map(([p, contentType]): Payload => ({ ...p, contentType, origin: 'raw' })) },
  );
}

/** encodeURIComponent, which throws on a lone surrogate: that one goes as the bytes of one, an invalid escape. */
function encodePath(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}

type IdChoice = { ref: 'own' | IdKind; pick: number } | { literal: string };
const ids: fc.Arbitrary<IdChoice> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ ref: fc.constant('own' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ ref: fc.constantFrom<IdKind>('unit', 'step', 'user'), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.uuid().map((literal) => ({ literal })) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => ({ literal: encodePath(s) })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('%00', '..%2F..', '%2e%2e', '00000000-0000-0000-0000-000000000000', 'x'.repeat(100), 'x'.repeat(101), 'x'.repeat(1000), '', ' ', 'null', '-1', '1e3', '%F0%9F%98%80', '%E0%A4%A', '%', '%ZZ', '%ED%A0%80')
      .map((literal) => ({ literal })),
  },
);

type Caller = 'office' | 'technician' | 'unit' | 'viewer' | 'anonymous' | 'session';
const callersFor = (route: Route): fc.Arbitrary<Caller> =>
  route.auth
    ? fc.constantFrom<Caller>('session', 'session', 'anonymous')
    : fc.oneof({ weight: 12, arbitrary: fc.constant<Caller>('office') }, { weight: 1, arbitrary: fc.constantFrom<Caller>('technician', 'unit', 'viewer', 'anonymous') });

/** A step to aim at: a third of the time the most recent live one (voidable), else any. */
async function stepId(pick: number): Promise<string> {
  const found =
    pick % 3 === 0
      ? await rows<{ id: string }>(sql`select id::text as id from steps where not voided order by recorded_at desc, seq desc limit 1`)
      : await rows<{ id: string }>(sql`select id::text as id from steps order by id`);
  return found.length ? found[pick % found.length].id : '00000000-0000-0000-0000-000000000000';
}

async function resolveId(route: Route, id: IdChoice): Promise<string> {
  if ('literal' in id) return id.literal;
  const kind = id.ref === 'own' ? route.idKind : id.ref;
  if (kind === 'unit') return unitIds[id.pick % unitIds.length];
  if (kind === 'user') return patchTarget;
  return stepId(id.pick);
}

async function cookieOf(caller: Caller): Promise<string | undefined> {
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

const stats = new Map<string, Map<string, number>>();
function tally(route: Route, outcome: Outcome, status: number) {
  const row = stats.get(route.key) ?? new Map<string, number>();
  stats.set(route.key, row);
  for (const k of ['runs', outcome, `${status}`]) row.set(k, (row.get(k) ?? 0) + 1);
}

const excerpt = (v: unknown, n = 300) => {
  const s = Buffer.isBuffer(v) ? `<buffer ${v.toString('hex').slice(0, 60)}>` : String(v);
  return s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s;
};

/** One request, and every rule checked on its answer. The snapshot is kept between runs while nothing succeeds. */
let current: { snap: Snapshot; audit: number } | undefined;

async function check(route: Route, id: IdChoice, caller: Caller, p: Payload, headers: Record<string, string> = {}) {
  const url = route.path.replace(/:[A-Za-z]+/g, () => '\u0000').split('\u0000');
  const parts: string[] = [url[0]];
  for (let i = 1; i < url.length; i++) parts.push(await resolveId(route, id), url[i]);
  const path = parts.join('') + (p.query ?? '');
  const cookie = await cookieOf(caller);
  if (caller === 'session') current = undefined; // a new session row
  current ??= { snap: await snapshot(), audit: await auditMax() };

  const res = await t.app.inject({
    method: route.method,
    url: path,
    headers: { ...(cookie ? { cookie } : {}), ...(p.contentType !== undefined ? { 'content-type': p.contentType } : {}), ...headers },
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
    const changes = await changesAfterRefusal(current.snap, current.audit, route, res.statusCode, p.body);
    expect(changes, `a refused request wrote: ${what()}`).toEqual([]);
    if (route.key === 'POST /api/auth/login' && [401, 429].includes(res.statusCode)) current = undefined; // its audit row
  } else {
    current = undefined;
  }
  tally(route, outcomeOf(route, res), res.statusCode);
}

function report(title: string) {
  const lines = [...stats].map(([key, row]) => {
    const runs = row.get('runs') ?? 0;
    const reached = (row.get('2xx') ?? 0) + (row.get('handler') ?? 0);
    const statuses = [...row].filter(([k]) => /^\d+$/.test(k)).sort().map(([k, n]) => `${k}×${n}`).join(' ');
    return `${key.padEnd(30)} runs ${String(runs).padStart(4)}  handler ${String(reached).padStart(4)}  2xx ${String(row.get('2xx') ?? 0).padStart(4)}  ${statuses}`;
  });
  console.log(`${title} (seed ${SEED})\n${lines.join('\n')}`);
}

const totals = () => {
  let runs = 0, reached = 0, ok = 0;
  for (const row of stats.values()) {
    runs += row.get('runs') ?? 0;
    ok += row.get('2xx') ?? 0;
    reached += (row.get('2xx') ?? 0) + (row.get('handler') ?? 0);
  }
  return { runs, reached, ok };
};

// ——— the properties ————————————————————————————————————————————————————————————————————————

describe('bad input on the write routes', () => {
  it('fuzzes every write route of the access table, and hashes every application table', () => {
    expect(ROUTES.map((r) => r.key)).toEqual(expect.arrayContaining(['POST /api/units/import', 'POST /api/auth/logout', 'POST /api/events/:id/void']));
    const known = Object.values(schema).filter((v) => is(v, PgTable)).map((v) => getTableName(v as PgTable));
    expect(tables).toEqual(expect.arrayContaining(known));
    // a route without a seed is still fuzzed with arbitrary bodies; give it one to reach its handler
    const missing = ROUTES.filter((r) => !(r.key in seeds())).map((r) => r.key);
    if (missing.length) console.warn(`bad-input: no valid body seed for ${missing.join(', ')}`);
  });

  it('the snapshot sees a change in any table, and the login exception is narrow', async () => {
    const s0 = await snapshot();
    expect((await office.post(`/api/units/${unitIds[2]}/events`, { type: 'wiring.started' })).statusCode).toBe(201);
    const s1 = await snapshot();
    expect(changedTables(s0, s1)).toEqual(['audit', 'steps', 'units']);
    expect((await office.put('/api/settings', { ...((await office.get('/api/settings')).json() as object), stallDays: 9 })).statusCode).toBe(200);
    const s2 = await snapshot();
    expect(changedTables(s1, s2)).toEqual(['audit', 'settings']);
    expect((await office.patch(`/api/users/${patchTarget}`, { displayName: '改名' })).statusCode).toBe(200);
    const s3 = await snapshot();
    expect(changedTables(s2, s3)).toEqual(['audit', 'users']);
    expect((await t.anonymous.post('/api/auth/login', { username: viewer.user.username, password: PASSWORD })).statusCode).toBe(200);
    const s4 = await snapshot();
    expect(changedTables(s3, s4)).toEqual(['audit', 'sessions']);

    const login = routeOf('POST /api/auth/login');
    const failed = { username: 'Nobody-Here ', password: 'wrong password' };
    const audit = await auditMax();
    const refused = await t.anonymous.post('/api/auth/login', failed);
    expect(refused.statusCode).toBe(401);
    expect(await changesAfterRefusal(s4, audit, login, 401, failed)).toEqual([]);
    // the same row, claimed by any other route or status, is a partial write
    expect(await changesAfterRefusal(s4, audit, routeOf('POST /api/units'), 401, failed)).not.toEqual([]);
    expect(await changesAfterRefusal(s4, audit, login, 400, failed)).not.toEqual([]);
    expect(await changesAfterRefusal(s4, audit, login, 401, { username: 'someone-else' })).not.toEqual([]);
  });

  it('never answers 5xx, answers every refusal in the contract body, and a refusal writes nothing', async () => {
    stats.clear();
    current = undefined;
    const seed = seeds();
    const request = fc.oneof(
      ...ROUTES.map((route) => fc.record({ route: fc.constant(route), id: ids, caller: callersFor(route), payload: bodiesFor(route, seed[route.key]) })),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ route, id, caller, payload }) => check(route, id, caller, payload)),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    report('bad input: runs by route');
    const { runs, reached, ok } = totals();
    console.log(`bad input: ${runs} runs, ${reached} (${Math.round((100 * reached) / runs)}%) reached a handler, ${ok} (${Math.round((100 * ok) / runs)}%) succeeded`);
    // most runs must get past validation, and many must succeed
    expect(reached / runs).toBeGreaterThan(0.4);
    expect(ok / runs).toBeGreaterThan(0.15);
    for (const key of Object.keys(seed)) {
      const row = stats.get(key);
      expect((row?.get('2xx') ?? 0) + (row?.get('handler') ?? 0), `${key} never reached its handler`).toBeGreaterThan(0);
    }
  }, 180_000);

  it('survives hostile headers on every write route', async () => {
    stats.clear();
    current = undefined;
    const seed = seeds();
    const printable = fc.string({ maxLength: 200 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
    const value = (specials: string[]) => fc.oneof(printable, fc.constantFrom(...specials));
    const headers = fc.dictionary(
      fc.constantFrom('cookie', 'origin', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'content-length', 'x-request-id', 'accept', 'host', 'accept-language', 'content-type', 'content-encoding', 'referer', 'expect'),
      value([
        'null', 'http://localhost', 'http://localhost:80', 'https://evil.example', 'file://', `${SESSION_COOKIE}=`, `${SESSION_COOKIE}=${'a'.repeat(4000)}`,
        `${SESSION_COOKIE}=x; ${SESSION_COOKIE}=y`, '0', '-1', '1', 'abc', '99999999999999999999', 'gzip', 'br', '100-continue', '*/*', 'application/json',
        'text/csv', 'localhost', '[::1]:99999', '..', 'x'.repeat(8000),
      ]),
      { maxKeys: 5 },
    );
    const request = fc.oneof(
      ...ROUTES.map((route) =>
        fc.record({ route: fc.constant(route), caller: callersFor(route), payload: seed[route.key] ?? fc.constant(json({}, 'seed')), headers }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ route, caller, payload, headers: h }) => check(route, { ref: 'own', pick: 0 }, caller, payload, h)),
      { numRuns: HEADER_RUNS, seed: SEED, endOnFailure: true },
    );
    report('hostile headers: runs by route');
    const { runs, reached, ok } = totals();
    console.log(`hostile headers: ${runs} runs, ${reached} (${Math.round((100 * reached) / runs)}%) reached a handler, ${ok} (${Math.round((100 * ok) / runs)}%) succeeded`);
  }, 120_000);

  // What the fuzzer found, pinned: each was a 500 (or Fastify's own body) before it was fixed.
  describe('requests the fuzzer found', () => {
    const NUL = 'a\u0000b';
    const LONE = 'x\udc00';
    /** a lone surrogate before non-ASCII text: PGlite used to send bytes PostgreSQL refuses */
    const LONE_CJK = '财\udc00x政局';
    const fresh = async () => (await t.unit()).id;
    /** a user in a known state: the fuzzer may have made patchTarget a unit contact */
    const freshUser = async () => (await t.as('technician')).user.id;
    const latestStep = async () => {
      const unit = await fresh();
      expect((await office.post(`/api/units/${unit}/events`, { type: 'wiring.started' })).statusCode).toBe(201);
      return stepId(0);
    };
    interface Case {
      text: string;
      /** the field the 400 must name */
      field: string;
      method: Method;
      url: () => Promise<string>;
      payload: () => Payload;
    }
    type Row = readonly [string, string, Method, () => Promise<string>, () => unknown];
    const at = (url: string) => async () => url;
    const cases = (what: string, list: Row[]): Case[] =>
      list.map(([label, field, method, url, body]) => ({ text: `${what} in ${label}`, field, method, url, payload: () => json(body(), 'seed') }));
    const all: Case[] = [
      ...cases('NUL (U+0000)', [
        ['POST /api/units, name', 'name', 'POST', at('/api/units'), () => ({ code: uniq('NUL-'), name: NUL, kind: 'township' })],
        ['PATCH /api/units/:id, address', 'address', 'PATCH', async () => `/api/units/${await fresh()}`, () => ({ address: NUL })],
        ['POST /api/units/:id/events, note', 'note', 'POST', async () => `/api/units/${await fresh()}/events`, () => ({ type: 'wiring.started', note: NUL })],
        ['POST /api/units/:id/events, data.reason', 'data.reason', 'POST', async () => `/api/units/${await fresh()}/events`, () => ({ type: 'wiring.refused', data: { reason: NUL } })],
        ['POST /api/events/:id/void, reason', 'reason', 'POST', async () => `/api/events/${await latestStep()}/void`, () => ({ reason: NUL })],
        ['POST /api/users, displayName', 'displayName', 'POST', at('/api/users'), () => ({ username: uniq('nul-'), displayName: NUL, role: 'viewer', password: 'long enough 1' })],
        ['PATCH /api/users/:id, displayName', 'displayName', 'PATCH', async () => `/api/users/${await freshUser()}`, () => ({ displayName: NUL })],
        ['POST /api/units/assign, parentCode', 'parentCode', 'POST', at('/api/units/assign'), () => ({ technicianId: null, parentCode: NUL })],
        ['POST /api/auth/login, username', 'username', 'POST', at('/api/auth/login'), () => ({ username: NUL, password: 'whatever' })],
        ['a key of the body', `x${NUL}`, 'PATCH', async () => `/api/units/${await fresh()}`, () => ({ [`x${NUL}`]: 1 })],
      ]),
      {
        text: 'NUL (U+0000) in POST /api/units/import, a cell',
        field: 'name',
        method: 'POST',
        url: at('/api/units/import'),
        payload: () => ({ body: '', payload: `code,name,kind\n${uniq('NUL-')},${NUL},township`, contentType: 'text/csv', origin: 'raw' }),
      },
      {
        text: 'NUL (U+0000) in POST /api/units/import, an ignored column name (kept in the audit)',
        field: 'column 4',
        method: 'POST',
        url: at('/api/units/import'),
        payload: () => ({ body: '', payload: `code,name,kind,x${NUL}\n${uniq('NUL-')},县委办,township,1`, contentType: 'text/csv', origin: 'raw' }),
      },
      ...cases('an unpaired surrogate', [
        // text that went into a jsonb column (steps.data, audit.details), which refused the \udc00 escape
        ['PATCH /api/units/:id, address (audit details)', 'address', 'PATCH', async () => `/api/units/${await fresh()}`, () => ({ address: LONE })],
        ['POST /api/units/:id/events, data.reason', 'data.reason', 'POST', async () => `/api/units/${await fresh()}/events`, () => ({ type: 'wiring.refused', data: { reason: LONE } })],
        ['POST /api/events/:id/void, reason (audit details)', 'reason', 'POST', async () => `/api/events/${await latestStep()}/void`, () => ({ reason: LONE })],
        ['POST /api/units/assign, parentCode (audit details)', 'parentCode', 'POST', at('/api/units/assign'), () => ({ technicianId: null, parentCode: LONE })],
        // any text parameter: PGlite refused it, PostgreSQL silently stored U+FFFD instead
        ['POST /api/units, name', 'name', 'POST', at('/api/units'), () => ({ code: uniq('LONE-'), name: LONE_CJK, kind: 'township' })],
        ['POST /api/users, displayName', 'displayName', 'POST', at('/api/users'), () => ({ username: uniq('lone-'), displayName: LONE_CJK, role: 'viewer', password: 'long enough 1' })],
        ['POST /api/auth/login, username', 'username', 'POST', at('/api/auth/login'), () => ({ username: LONE_CJK, password: 'whatever' })],
      ]),
      // "" skipped the handlers' check that the id names someone, and went into a uuid column
      ...cases('"" as the id', [
        ['POST /api/units/assign, technicianId (by parentCode)', 'technicianId', 'POST', at('/api/units/assign'), () => ({ technicianId: '', parentCode: PARENT })],
        ['POST /api/units/assign, technicianId (by unitIds)', 'technicianId', 'POST', at('/api/units/assign'), () => ({ technicianId: '', unitIds: [unitIds[2]] })],
        ['POST /api/units, assigneeId', 'assigneeId', 'POST', at('/api/units'), () => ({ code: uniq('E-'), name: '县委办', kind: 'township', assigneeId: '' })],
        ['PATCH /api/units/:id, assigneeId', 'assigneeId', 'PATCH', async () => `/api/units/${await fresh()}`, () => ({ assigneeId: '' })],
        ['POST /api/users, unitId (role viewer)', 'unitId', 'POST', at('/api/users'), () => ({ username: uniq('e-'), displayName: '空', role: 'viewer', password: 'long enough 1', unitId: '' })],
        ['PATCH /api/users/:id, unitId', 'unitId', 'PATCH', async () => `/api/users/${await freshUser()}`, () => ({ unitId: '' })],
      ]),
    ];

    for (const c of all) {
      it(`${c.text}: a 400 naming ${c.field}, nothing written`, async () => {
        const url = await c.url();
        const p = c.payload();
        const before = await snapshot();
        const res = await t.app.inject({ method: c.method, url, headers: { cookie: office.cookie, 'content-type': p.contentType ?? 'application/json' }, payload: p.payload });
        const what = `${c.method} ${url} ${excerpt(p.payload, 120)} → ${res.statusCode} ${res.body}`;
        expect(res.statusCode, what).toBe(400);
        const body = ErrorBody.parse(res.json());
        expect(body.error.code, what).toBe('VALIDATION_FAILED');
        expect(JSON.stringify(body.error.details), what).toContain(JSON.stringify(c.field).slice(1, -1));
        expect(changedTables(before, await snapshot()), what).toEqual([]);
      });
    }

    it('text in the query string that cannot be stored is a 400, not a 500', async () => {
      for (const url of ['/api/units?q=a%00b', '/api/users?q=%00', '/api/audit?action=a%00']) {
        const res = await office.get(url);
        expect(res.statusCode, `${url} → ${res.body}`).toBe(400);
        expect(errorOf(res).code).toBe('VALIDATION_FAILED');
      }
    });

    it("a malformed %-escape in the path is a 400 in the contract's body, on every write route", async () => {
      for (const route of ROUTES) {
        const url = `${route.path.replace(/:[A-Za-z]+/g, '%ZZ')}%E0%A4%A`;
        const before = await snapshot();
        const res = await t.app.inject({ method: route.method, url, headers: { cookie: office.cookie }, payload: {} });
        expect(res.statusCode, `${url} → ${res.body}`).toBe(400);
        expect(ErrorBody.parse(res.json()).error.code).toBe('VALIDATION_FAILED');
        expect(changedTables(before, await snapshot())).toEqual([]);
      }
    });

    it('a long path id is an id that names nothing: 401, 403 and 404 as for any other', async () => {
      const long = 'x'.repeat(5000);
      const asOffice = await t.app.inject({ method: 'PATCH', url: `/api/units/${long}`, headers: { cookie: office.cookie }, payload: {} });
      expect(asOffice.statusCode, asOffice.body).toBe(404);
      expect(ErrorBody.parse(asOffice.json()).error.code).toBe('NOT_FOUND');
      expect((await t.anonymous.patch(`/api/units/${long}`, {})).statusCode).toBe(401);
      expect((await viewer.patch(`/api/units/${long}`, {})).statusCode).toBe(403);
    });
  });

  it('keeps the audit log to successful writes only', async () => {
    const before = await auditMax();
    await office.post('/api/units', { code: '' });
    await office.post(`/api/units/${unitIds[0]}/events`, { type: 'nope' });
    expect(await auditMax()).toBe(before);
  });
});

function routeOf(key: string): Route {
  const route = ROUTES.find((r) => r.key === key);
  if (!route) throw new Error(`no route ${key}`);
  return route;
}

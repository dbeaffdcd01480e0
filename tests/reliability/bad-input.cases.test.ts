// Requests the bad-input fuzzer found (bad-input.test.ts), pinned: each was a 500, or an answer
// in Fastify's own body, before it was fixed. Text PostgreSQL cannot store (U+0000, half a
// surrogate pair) and "" as a referenced id are 400s naming the field; router errors answer in
// the contract's body, in the order 401 < 400 < 403 < 404 of the API.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ACCESS } from '../../server/access.js';
import { SESSION_COOKIE } from '../../server/lib/session-cookie.js';
import { ErrorBody } from '../../shared/schemas/common.js';
import { errorOf, PASSWORD, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { appTest } from '../helpers/fixture.js';
import { json, type Payload } from './fuzz/mutations.js';
import { ROUTES, type Method } from './fuzz/routes.js';
import { hashTables, type TableHasher } from './fuzz/tables.js';

// behind a trusted proxy, as a deployment behind nginx is: X-Forwarded-For names the caller
const test = appTest({ TRUST_PROXY: 'true' });
const PARENT = 'P-CASES';
let t: TestApp;
let office: Agent;
let viewer: Agent;
let h: TableHasher;
/** a unit to aim an assignment at */
let spare: string;

test.beforeAll(async ({ t: testApp, office: fOffice, viewer: fViewer }) => {
  t = testApp;
  [office, viewer] = [fOffice, fViewer];
  h = await hashTables(t.database);
  spare = (await t.unit()).id;
});

/** Characters XML 1.0 (the text of an .xlsx) cannot carry, besides U+0000 and lone surrogates. */
const XML_FORBIDDEN = [['U+FFFF', '\uffff'], ['U+FFFE', '\ufffe'], ['U+0001', '\u0001'], ['U+000B (vertical tab)', '\u000b'], ['U+001F', '\u001f']] as const;

describe('requests the fuzzer found', () => {
  const NUL = 'a\u0000b';
  const LONE = 'x\udc00';
  /** a lone surrogate before non-ASCII text: PGlite used to send bytes PostgreSQL refuses */
  const LONE_CJK = '财\udc00x政局';
  const fresh = async () => (await t.unit({ parentCode: PARENT })).id;
  const freshUser = async () => (await t.as('technician')).user.id;
  const latestStep = async () => {
    const res = await office.post(`/api/units/${await fresh()}/events`, { type: 'wiring.started' });
    expect(res.statusCode).toBe(201);
    return (res.json() as { event: { id: string } }).event.id;
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
    list.map(([label, field, method, url, body]) => ({ text: `${what} in ${label}`, field, method, url, payload: () => json(body()) }));
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
      ['a key of the body (one zod would strip)', `x${NUL}`, 'POST', at('/api/units'), () => ({ code: uniq('NUL-'), name: '县委办', kind: 'township', [`x${NUL}`]: 1 })],
    ]),
    {
      text: 'NUL (U+0000) in POST /api/units/import, a cell',
      field: 'name',
      method: 'POST',
      url: at('/api/units/import'),
      payload: () => ({ body: '', payload: `code,name,kind\n${uniq('NUL-')},${NUL},township`, contentType: 'text/csv' }),
    },
    {
      text: 'NUL (U+0000) in POST /api/units/import, a technician looked up by name',
      field: 'assignee',
      method: 'POST',
      url: at('/api/units/import'),
      payload: () => ({ body: '', payload: `code,name,kind,assignee\n${uniq('NUL-')},县委办,township,te${NUL}ch`, contentType: 'text/csv' }),
    },
    {
      text: 'NUL (U+0000) in POST /api/units/import, an ignored column name (kept in the audit)',
      field: 'column 4',
      method: 'POST',
      url: at('/api/units/import'),
      payload: () => ({ body: '', payload: `code,name,kind,x${NUL}\n${uniq('NUL-')},县委办,township,1`, contentType: 'text/csv' }),
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
    // what XML 1.0 cannot carry: a unit named so made the laggard workbook unreadable for everyone
    ...XML_FORBIDDEN.flatMap(([label, ch]) =>
      cases(`${label} (XML 1.0 forbids it)`, [
        ['POST /api/units, name', 'name', 'POST', at('/api/units'), () => ({ code: uniq('XML-'), name: `财政${ch}局`, kind: 'township' })],
        ['PATCH /api/units/:id, contactName', 'contactName', 'PATCH', async () => `/api/units/${await fresh()}`, () => ({ contactName: `王${ch}` })],
        ['POST /api/units/:id/events, data.reason', 'data.reason', 'POST', async () => `/api/units/${await fresh()}/events`, () => ({ type: 'wiring.refused', data: { reason: `不让进${ch}` } })],
        ['POST /api/users, displayName', 'displayName', 'POST', at('/api/users'), () => ({ username: uniq('xml-'), displayName: `张${ch}三`, role: 'viewer', password: 'long enough 1' })],
      ]),
    ),
    ...XML_FORBIDDEN.map(([label, ch]): Case => ({
      text: `${label} (XML 1.0 forbids it) in POST /api/units/import, a cell`,
      field: 'name',
      method: 'POST',
      url: at('/api/units/import'),
      payload: () => ({ body: '', payload: `code,name,kind\n${uniq('XML-')},县${ch}委办,township`, contentType: 'text/csv' }),
    })),
    // "" skipped the handlers' check that the id names someone, and went into a uuid column
    ...cases('"" as the id', [
      ['POST /api/units/assign, technicianId (by parentCode)', 'technicianId', 'POST', at('/api/units/assign'), () => ({ technicianId: '', parentCode: PARENT })],
      ['POST /api/units/assign, technicianId (by unitIds)', 'technicianId', 'POST', at('/api/units/assign'), () => ({ technicianId: '', unitIds: [spare] })],
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
      const before = await h.snapshot();
      const res = await t.app.inject({ method: c.method, url, headers: { cookie: office.cookie, 'content-type': p.contentType ?? 'application/json' }, payload: p.payload });
      const what = `${c.method} ${url} ${String(p.payload).slice(0, 120)} → ${res.statusCode} ${res.body}`;
      expect(res.statusCode, what).toBe(400);
      const body = ErrorBody.parse(res.json());
      expect(body.error.code, what).toBe('VALIDATION_FAILED');
      expect((body.error.details as { field: string }[]).map((d) => d.field), what).toContain(c.field);
      expect(h.changedTables(before, await h.snapshot()), what).toEqual([]);
    });
  }

  it('text XML 1.0 can carry is kept as sent: tab, line breaks, U+007F, U+0085, U+FFFD, a character beyond U+FFFF', async () => {
    const name = '县\t委\n办\r\u007f\u0085\ufffd\u{1fffe}𠀋😀';
    const res = await office.post('/api/units', { code: uniq('XML-'), name, kind: 'township' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().unit.name).toBe(name);
  });

  it('a unit name the workbook cannot carry is refused, so the laggard workbook stays readable for everyone', async () => {
    const area = uniq('P-XML-').toUpperCase(); // codes are stored upper-cased (shared/domain/codes.ts)
    const ok = await office.post('/api/units', { code: uniq('XML-'), name: '城关镇', kind: 'township', parentCode: area, wiringDue: '2026-01-01' });
    expect(ok.statusCode).toBe(201);
    const bad = await office.post('/api/units', { code: uniq('XML-'), name: '财政\uffff局', kind: 'township', parentCode: area, wiringDue: '2026-01-01' });
    expect(bad.statusCode, bad.body).toBe(400);
    const file = await viewer.get(`/api/reports/laggards.xlsx?parentCode=${area}`);
    expect(file.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.worksheets[0].eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value))));
    expect(cells).toContain('城关镇');
  });

  it('text in the query string that cannot be stored is a 400, not a 500', async () => {
    for (const url of ['/api/units?q=a%00b', '/api/users?q=%00', '/api/audit?action=a%00']) {
      const res = await office.get(url);
      expect(res.statusCode, `${url} → ${res.body}`).toBe(400);
      expect(errorOf(res).code).toBe('VALIDATION_FAILED');
    }
  });

  it('a path id with U+0000 names nothing: a 404', async () => {
    for (const url of ['/api/units/%00', '/api/users/a%00b']) {
      const res = await office.patch(url, {});
      expect(res.statusCode, `${url} → ${res.body}`).toBe(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
    }
  });

  it('a malformed %-escape in a path id is an id that names nothing: 401, 403, 404 in order, with no-store', async () => {
    const withIds = ROUTES.filter((r) => r.path.includes(':'));
    expect(withIds.length).toBeGreaterThan(2);
    // a valid body, so that the id is the only thing wrong (a 400 comes before a 403 and a 404)
    const valid: Record<string, object> = {
      'POST /api/units/:id/events': { type: 'wiring.started' },
      'POST /api/events/:id/void': { reason: '录错了' },
      'POST /api/notices/:id/answer': { text: '收到' },
      'POST /api/notices/:id/withdraw': { reason: '发错了' },
      'POST /api/units/:id/backbones': { kind: 'deputy', name: '骨干' },
      'PATCH /api/trainings/:id': { venue: '县政府大院3号楼会议室' },
      'POST /api/trainings/:id/sign-in': { code: '123456' },
      'POST /api/trainings/:id/attendance': { unitId: '00000000-0000-0000-0000-000000000000', status: 'attended' },
      'POST /api/trainings/:id/report-backs': { unitId: '00000000-0000-0000-0000-000000000000', reportedOn: '2026-12-01', leader: '局长', form: 'meeting', colleaguesReached: 1, summary: '传达了培训内容' },
      'POST /api/report-backs/:id/review': { decision: 'accepted' },
    };
    const contact = await t.as('unit');
    for (const route of withIds) {
      // someone the route lets through, and someone it refuses
      const roles = ACCESS[route.key].roles;
      const access = Array.isArray(roles) ? (roles as readonly string[]) : ['office'];
      const [allowed, refused] = access.includes('office') ? [office, viewer] : [contact, viewer];
      for (const bad of ['%ZZ', '%E0%A4%A', '%', 'a%2']) {
        const url = route.path.replace(/:[A-Za-z]+/g, bad);
        const before = await h.snapshot();
        const as = async (cookie?: string) => t.app.inject({ method: route.method, url, headers: cookie ? { cookie } : {}, payload: valid[route.key] ?? {} });
        const res = await as(allowed.cookie);
        expect(res.statusCode, `${route.method} ${url} → ${res.body}`).toBe(404);
        expect(ErrorBody.parse(res.json()).error.code).toBe('NOT_FOUND');
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        // a public route (a training's sign-in) asks no session and refuses no role: 404 for anyone
        const open = ACCESS[route.key].roles === 'public';
        expect((await as()).statusCode).toBe(open ? 404 : 401);
        expect((await as(refused.cookie)).statusCode).toBe(open ? 404 : 403);
        expect(h.changedTables(before, await h.snapshot())).toEqual([]);
      }
    }
  });

  it('the check of text is the API’s: health checks and unknown routes ignore junk query strings', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz?probe=%00' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/nope?x=%00', headers: { cookie: office.cookie } })).statusCode).toBe(404);
  });

  it('nesting deep enough to exhaust a recursive walk is no 500', async () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const extra = await t.app.inject({
      method: 'POST', url: '/api/units', headers: { cookie: office.cookie, 'content-type': 'application/json' },
      payload: `{"code":"${uniq('DEEP-')}","name":"县委办","kind":"township","x":${deep(100_000)}}`,
    });
    expect(extra.statusCode, extra.body).toBe(201);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: deep(100_000) });
    expect(login.statusCode, login.body).toBe(400);
    const nul = await t.app.inject({
      method: 'POST', url: '/api/units', headers: { cookie: office.cookie, 'content-type': 'application/json' },
      payload: `{"code":"${uniq('DEEP-')}","name":"县委办","kind":"township","x":${'['.repeat(50_000)}"\\u0000"${']'.repeat(50_000)}}`,
    });
    expect(nul.statusCode, nul.body).toBe(400);
  });

  it('a long path id is an id that names nothing: 401, 403 and 404 as for any other', async () => {
    const long = 'x'.repeat(5000);
    const asOffice = await t.app.inject({ method: 'PATCH', url: `/api/units/${long}`, headers: { cookie: office.cookie }, payload: {} });
    expect(asOffice.statusCode, asOffice.body).toBe(404);
    expect(ErrorBody.parse(asOffice.json()).error.code).toBe('NOT_FOUND');
    expect((await t.anonymous.patch(`/api/units/${long}`, {})).statusCode).toBe(401);
    expect((await viewer.patch(`/api/units/${long}`, {})).statusCode).toBe(403);
  });

  it('behind a trusted proxy, a forwarded "address" that is none is not kept, and logout ends with its audit row', async () => {
    // random text does not compress: 8,000 characters are over the audit index's 2,704 bytes
    const junk = randomBytes(6000).toString('base64').slice(0, 8000);
    const lastAudit = async () => (await h.rows<{ action: string; ip: string }>(sql`select action, ip from audit order by id desc limit 1`))[0];
    const headers = (cookie?: string) => ({ 'content-type': 'application/json', 'x-forwarded-for': junk, ...(cookie ? { cookie } : {}) });

    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: headers(), payload: { username: viewer.user.username, password: PASSWORD } });
    expect(login.statusCode, login.body).toBe(200);
    expect(await lastAudit()).toEqual({ action: 'auth.login', ip: '127.0.0.1' });
    const cookie = `${SESSION_COOKIE}=${login.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;

    const created = await t.app.inject({ method: 'POST', url: '/api/units', headers: headers(office.cookie), payload: { code: uniq('XFF-'), name: '县委办', kind: 'township' } });
    expect(created.statusCode, created.body).toBe(201);

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: headers(cookie), payload: {} });
    expect(out.statusCode, out.body).toBe(204);
    expect(await lastAudit()).toEqual({ action: 'auth.logout', ip: '127.0.0.1' });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);

    // Node calls an IPv6 address with a zone of any length valid
    const zoned = await t.app.inject({ method: 'POST', url: '/api/units', headers: { ...headers(office.cookie), 'x-forwarded-for': `fe80::1%${'a'.repeat(8000)}` }, payload: { code: uniq('XFF-'), name: '县委办', kind: 'township' } });
    expect(zoned.statusCode, zoned.body).toBe(201);
    expect((await lastAudit()).ip).toBe('127.0.0.1');

    // a real forwarded address is kept
    const real = await t.app.inject({ method: 'POST', url: '/api/units', headers: { ...headers(office.cookie), 'x-forwarded-for': '203.0.113.7' }, payload: { code: uniq('XFF-'), name: '县委办', kind: 'township' } });
    expect(real.statusCode).toBe(201);
    expect((await lastAudit()).ip).toBe('203.0.113.7');
  });

  it('a path decides by what it names, not how it is spelled: /api/%61uth/logout ends the session', async () => {
    const login = await t.anonymous.post('/api/auth/login', { username: viewer.user.username, password: PASSWORD });
    const cookie = `${SESSION_COOKIE}=${login.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
    const out = await t.app.inject({ method: 'POST', url: '/api/%61uth/logout', headers: { cookie, 'content-type': 'application/json' }, payload: {} });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    const units = await t.app.inject({ method: 'GET', url: '/%61pi/units', headers: { cookie: office.cookie } });
    expect(units.statusCode).toBe(200);
    expect(units.headers['cache-control']).toBe('no-store');
    const unknown = await t.app.inject({ method: 'GET', url: '/%61pi/nothing', headers: { cookie: office.cookie } });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('NOT_FOUND');
  });

  it('a date no report can be computed for is a 400', async () => {
    for (const asOf of ['9999-12-31', '3000-01-01']) {
      const res = await office.get(`/api/reports/summary?asOf=${asOf}`);
      expect(res.statusCode, res.body).toBe(400);
    }
    // (2999-12-31 was answered before a day after today was refused: a past day still is)
    expect((await office.get('/api/reports/summary?asOf=2000-01-01')).statusCode).toBe(200);
  });
});

// Requests the bad-input fuzzer found (bad-input.test.ts), pinned: each was a 500, or an answer
// in Fastify's own body, before it was fixed. Text PostgreSQL cannot store (U+0000, half a
// surrogate pair) and "" as a referenced id are 400s naming the field; router errors answer in
// the contract's body, in the order 401 < 400 < 403 < 404 of the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../shared/schemas/common.js';
import { createTestApp, errorOf, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { json, type Payload } from './fuzz/mutations.js';
import { ROUTES, type Method } from './fuzz/routes.js';
import { hashTables, type TableHasher } from './fuzz/tables.js';

const PARENT = 'P-CASES';
let t: TestApp;
let office: Agent;
let viewer: Agent;
let h: TableHasher;
/** a unit to aim an assignment at */
let spare: string;

beforeAll(async () => {
  t = await createTestApp();
  [office, viewer] = await Promise.all([t.as('office'), t.as('viewer')]);
  h = await hashTables(t.database);
  spare = (await t.unit()).id;
});
afterAll(() => t?.close());

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
      text: 'NUL (U+0000) in POST /api/units/import, a technician looked up by name',
      field: 'assignee',
      method: 'POST',
      url: at('/api/units/import'),
      payload: () => ({ body: '', payload: `code,name,kind,assignee\n${uniq('NUL-')},县委办,township,te${NUL}ch`, contentType: 'text/csv', origin: 'raw' }),
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
      expect(JSON.stringify(body.error.details), what).toContain(JSON.stringify(c.field).slice(1, -1));
      expect(h.changedTables(before, await h.snapshot()), what).toEqual([]);
    });
  }

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

  it("a malformed %-escape in the path is a 400 in the contract's body, on every write route", async () => {
    for (const route of ROUTES) {
      const url = `${route.path.replace(/:[A-Za-z]+/g, '%ZZ')}%E0%A4%A`;
      const before = await h.snapshot();
      const res = await t.app.inject({ method: route.method, url, headers: { cookie: office.cookie }, payload: {} });
      expect(res.statusCode, `${url} → ${res.body}`).toBe(400);
      expect(ErrorBody.parse(res.json()).error.code).toBe('VALIDATION_FAILED');
      expect(h.changedTables(before, await h.snapshot())).toEqual([]);
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

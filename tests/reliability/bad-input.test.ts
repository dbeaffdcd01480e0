// Any JSON body, any headers, any path id on the write routes: never a 5xx, never a partial
// write, always the contract's error body.
import fc from 'fast-check';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, steps, units, users } from '../../db/schema/index.js';
import { createTestApp, type Agent, type TestApp } from '../helpers/app.js';

let t: TestApp;
let office: Agent;
let unitId: string;
beforeAll(async () => {
  t = await createTestApp();
  office = await t.as('office');
  unitId = (await t.unit()).id;
});
afterAll(() => t.close());

const WRITES: [string, (id: string) => string][] = [
  ['POST', () => '/api/units'],
  ['PATCH', (id) => `/api/units/${id}`],
  ['POST', () => '/api/units/assign'],
  ['POST', (id) => `/api/units/${id}/events`],
  ['POST', (id) => `/api/events/${id}/void`],
  ['POST', () => '/api/users'],
  ['PATCH', (id) => `/api/users/${id}`],
  ['PUT', () => '/api/settings'],
  ['POST', () => '/api/auth/login'],
];

const ids = fc.oneof(fc.constant('UNIT'), fc.uuid(), fc.string({ maxLength: 40 }).map(encodeURIComponent), fc.constant('%00'), fc.constant('..%2F..'));
const field = fc.constantFrom('type', 'code', 'name', 'kind', 'data', 'reason', 'occurredAt', 'clientEventId', 'password', 'role', 'unitId', 'timezone', 'unitIds', 'technicianId');
const bodies = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(field, fc.jsonValue()),
  fc.record({ type: fc.constantFrom('wiring.started', 'wiring.refused', 'registration.submitted'), data: fc.jsonValue(), occurredAt: fc.oneof(fc.string(), fc.date().map((d) => (isNaN(d.getTime()) ? 'x' : d.toISOString()))) }, { requiredKeys: ['type'] }),
);
const contentTypes = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'text/csv', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml');

async function totals() {
  const [[u], [s], [us]] = await Promise.all([
    t.database.db.select({ n: count() }).from(units),
    t.database.db.select({ n: count() }).from(steps),
    t.database.db.select({ n: count() }).from(users),
  ]);
  return { units: u.n, steps: s.n, users: us.n };
}

describe('bad input on the write routes', () => {
  it('never answers 5xx and always answers errors in the contract body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: WRITES.length - 1 }), ids, bodies, contentTypes, async (route, id, body, type) => {
        const [method, path] = WRITES[route];
        const url = path(id === 'UNIT' ? unitId : id);
        const payload = type.startsWith('application/json') ? JSON.stringify(body) : String(JSON.stringify(body));
        const res = await office.request(method as 'POST', url, payload, { 'content-type': type });
        expect(res.statusCode, `${method} ${url} ${payload.slice(0, 200)} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (res.statusCode >= 400) {
          const error = res.json().error;
          expect(typeof error.code).toBe('string');
          expect(typeof error.message).toBe('string');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a refused write changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const before = await totals();
        const res = await office.post(`/api/units/${unitId}/events`, JSON.stringify(body), { 'content-type': 'application/json' });
        if (res.statusCode >= 400) expect(await totals()).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });

  it('survives hostile headers', async () => {
    const headers = fc.dictionary(
      fc.constantFrom('cookie', 'origin', 'x-forwarded-for', 'content-length', 'x-request-id', 'accept', 'host', 'accept-language'),
      fc.string({ maxLength: 200 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
    );
    await fc.assert(
      fc.asyncProperty(headers, async (h) => {
        const res = await t.app.inject({ method: 'POST', url: `/api/units/${unitId}/events`, payload: { type: 'wiring.started' }, headers: { ...h, cookie: h.cookie ?? office.cookie } });
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the audit log to successful writes only', async () => {
    const [{ n: before }] = await t.database.db.select({ n: count() }).from(audit);
    await office.post('/api/units', { code: '' });
    await office.post(`/api/units/${unitId}/events`, { type: 'nope' });
    const [{ n: after }] = await t.database.db.select({ n: count() }).from(audit);
    expect(after).toBe(before);
  });
});

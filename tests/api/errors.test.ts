// The contract's error body for every code, the order in which errors win, and the Origin check.
import { describe, expect } from 'vitest';
import { buildApp } from '../../server/app.js';
import { errorOf, uniq } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

const unitBody = () => ({ code: uniq('C'), name: '县委办', kind: 'department' });

describe('the error body', () => {
  test('400 VALIDATION_FAILED for malformed JSON', async ({ office }) => {
    const res = await office.request('POST', '/api/units', '{"code": ', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION_FAILED');
  });

  test('400 VALIDATION_FAILED naming the offending fields', async ({ office }) => {
    const res = await office.post('/api/units', { name: 1 });
    expect(res.statusCode).toBe(400);
    const fields = (errorOf(res).details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['code', 'kind', 'name']);
  });

  test('400 for a content type the route does not take', async ({ office }) => {
    const res = await office.request('POST', '/api/units', 'code,name\n', { 'content-type': 'text/csv' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION_FAILED');
  });

  test('401 UNAUTHENTICATED without a session', async ({ t }) => {
    const res = await t.anonymous.get('/api/units');
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  });

  test('403 FORBIDDEN outside the role', async ({ technician }) => {
    const res = await technician.post('/api/units', unitBody());
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
  });

  test('404 NOT_FOUND for an unknown route and an unknown id', async ({ office }) => {
    expect(errorOf(await office.get('/api/nowhere')).code).toBe('NOT_FOUND');
    expect(errorOf(await office.get('/api/units/00000000-0000-0000-0000-000000000000')).code).toBe('NOT_FOUND');
  });

  test('409 CONFLICT for a duplicate code, 409 INVALID_TRANSITION for a step the rules refuse', async ({ office }) => {
    const body = unitBody();
    const { unit } = (await office.post('/api/units', body)).json();
    expect(errorOf(await office.post('/api/units', body)).code).toBe('CONFLICT');
    expect(errorOf(await office.post(`/api/units/${unit.id}/events`, { type: 'connection.started' })).code).toBe('INVALID_TRANSITION');
  });

  test('413 PAYLOAD_TOO_LARGE for a JSON body over 1 MiB, changing nothing', async ({ office }) => {
    const name = 'x'.repeat(1024 * 1024 + 10);
    const res = await office.post('/api/units', { ...unitBody(), name });
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('500 hides the cause: no stack, no SQL, no message', async ({ t }) => {
    const app = await buildApp({ config: t.config, database: t.database });
    app.get('/boom', async () => {
      throw new Error('select * from users where password_hash = secret');
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(errorOf(res).code).toBe('INTERNAL');
    expect(res.body).not.toMatch(/select|password|at .*\.ts/);
    await app.close();
  });
});

describe('which error wins: 401, then 400, then 403, then 404, then 409', () => {
  test('401 beats 400', async ({ t }) => {
    expect((await t.anonymous.post('/api/units', { nonsense: true })).statusCode).toBe(401);
  });
  test('400 beats 403', async ({ technician }) => {
    expect((await technician.post('/api/units', { nonsense: true })).statusCode).toBe(400);
  });
  test('403 beats 404', async ({ technician }) => {
    expect((await technician.patch('/api/units/00000000-0000-0000-0000-000000000000', { name: 'x' })).statusCode).toBe(403);
  });
  test('403 beats 409: a technician verifying a registration gets 403 whatever its state', async ({ t, technician }) => {
    const unit = await t.unit();
    expect((await technician.post(`/api/units/${unit.id}/events`, { type: 'registration.verified' })).statusCode).toBe(403);
  });
  test('404 beats 409', async ({ office }) => {
    expect((await office.post('/api/units/00000000-0000-0000-0000-000000000000/events', { type: 'connection.started' })).statusCode).toBe(404);
  });
});

describe('cross-site request forgery', () => {
  const host = { host: 'zw.example.gov.cn' };
  test('refuses a write whose Origin names another site with 403, writing nothing', async ({ office }) => {
    const body = unitBody();
    const res = await office.post('/api/units', body, { ...host, origin: 'https://evil.example.com' });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
    expect((await office.get(`/api/units?q=${body.code}`)).json().total).toBe(0);
  });

  test('refuses an opaque "null" Origin', async ({ office }) => {
    expect((await office.post('/api/units', unitBody(), { ...host, origin: 'null' })).statusCode).toBe(403);
  });

  test('refuses a cross-site login too', async ({ t, office }) => {
    const res = await t.anonymous.post('/api/auth/login', { username: office.user.username, password: 'x' }, { ...host, origin: 'https://evil.example.com' });
    expect(res.statusCode).toBe(403);
  });

  test('accepts a write from its own origin, and one with no Origin (clients outside a browser)', async ({ office }) => {
    expect((await office.post('/api/units', unitBody(), { ...host, origin: 'http://zw.example.gov.cn' })).statusCode).toBe(201);
    expect((await office.post('/api/units', unitBody(), host)).statusCode).toBe(201);
  });

  test('does not check reads', async ({ office }) => {
    expect((await office.request('GET', '/api/units', undefined, { ...host, origin: 'https://evil.example.com' })).statusCode).toBe(200);
  });
});

describe('headers', () => {
  test('API answers are not cached and carry no x-powered-by; helmet sets a CSP', async ({ office }) => {
    const res = await office.get('/api/units');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

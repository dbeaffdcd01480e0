// A 4xx raised by a plugin rather than a route (the static files refuse a path with dot
// segments) still answers the contract's code for its status: a 403 is FORBIDDEN.
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { DIST } from '../../server/plugins/dashboard.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

/** A request with the path exactly as written (fetch and inject would resolve the dots). */
function raw(base: string, path: string): Promise<{ status: number; body: { error: { code: string; message: string } } }> {
  const { hostname, port } = new URL(base);
  return new Promise((done, fail) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => done({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('a path the static files refuse', () => {
  let t: TestApp;
  let base: string;
  test.beforeAll(async ({ t: testApp }) => {
    t = testApp;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });

  // the refusal comes from @fastify/static, which the app registers only with a built dashboard
  it.skipIf(!existsSync(resolve(DIST, 'index.html')))('/../x and its kin answer 403 FORBIDDEN', async () => {
    for (const path of ['/../x', '/./x', '/assets/../x', '/%2e%2e/x', '/api/units/../users']) {
      const res = await raw(base, path);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code, path).toBe('FORBIDDEN');
    }
  });
});

describe('every 4xx a plugin raises', () => {
  let app: App;
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
    app = await buildApp({ config: loadConfig({ DATA_DIR: '/nonexistent' }), database });
    // outside /api, as a plugin's own route would be
    app.get('/plugin/:status', async (req) => {
      throw Object.assign(new Error('from a plugin'), { statusCode: Number((req.params as { status: string }).status) });
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it.each([
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [409, 'CONFLICT'],
    [413, 'PAYLOAD_TOO_LARGE'],
    [429, 'RATE_LIMITED'],
    [416, 'VALIDATION_FAILED'],
  ])('answers %i with code %s', async (status, code) => {
    const res = await app.inject({ method: 'GET', url: `/plugin/${status}` });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
  });
});

// With the database unreachable: /readyz says 503, writes fail with a clear 503 and change
// nothing, and the server recovers by itself when the database returns. The loss is made
// by a TCP proxy between the app and PostgreSQL that the test cuts and restores.
import { createHash } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { steps, units } from '../../db/schema/index.js';
import { buildApp, type App } from '../../server/app.js';
import { loggerOptions } from '../../server/logger.js';
import { errorOf, PASSWORD, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

function proxy(target: { host: string; port: number }) {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {});
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  return {
    listen,
    get port() {
      return port;
    },
    async cut() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server!.close(r));
    },
  };
}

const pg = process.env.TEST_DATABASE_URL;
let t: TestApp;
let app: App;
let viaProxy: Database;
let link: ReturnType<typeof proxy>;
let cookie: string;
let unitId: string;
const logged: string[] = [];
/** set by a test: the database is cut after the request passed its session check */
let cutInHandler = false;

describe.skipIf(!pg)('losing the database', () => {
  test.beforeAll(async ({ t: testApp, office: fOffice }) => {
    t = testApp;
    const direct = new URL(t.database.url!);
    link = proxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    await link.listen();
    const through = new URL(direct);
    through.hostname = '127.0.0.1';
    through.port = String(link.port);
    viaProxy = await openDatabase({ url: through.toString(), max: 4 });
    app = await buildApp({
      config: t.config,
      database: viaProxy,
      logger: { ...(loggerOptions('info') as object), stream: { write: (line: string) => logged.push(line) } },
    });
    app.addHook('preHandler', async () => {
      if (cutInHandler) await link.cut();
    });
    const office = fOffice;
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: office.user.username, password: PASSWORD } });
    cookie = String(login.headers['set-cookie']).split(';')[0];
    unitId = (await t.unit()).id;
  });
  afterAll(async () => {
    await app?.close();
    await viaProxy?.close().catch(() => {});
  });

  const write = (type: string, unit = unitId) => app.inject({ method: 'POST', url: `/api/units/${unit}/events`, payload: { type }, headers: { cookie } });

  it('answers 503 on /readyz and on writes, writing nothing, then recovers without a restart', async () => {
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    await link.cut();

    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(errorOf(ready).code).toBe('UNAVAILABLE');
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

    const refused = await write('wiring.started');
    expect(refused.statusCode).toBe(503);
    expect(errorOf(refused)).toMatchObject({ code: 'UNAVAILABLE' });
    expect(refused.body).not.toMatch(/ECONNREFUSED|postgres|127\.0\.0\.1/);
    expect(await t.database.db.select().from(steps).where(eq(steps.unitId, unitId))).toHaveLength(0);

    await link.listen();
    await expect.poll(async () => (await app.inject({ method: 'GET', url: '/readyz' })).statusCode, { timeout: 15_000, interval: 250 }).toBe(200);
    const ok = await write('wiring.started');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await t.database.db.select().from(steps).where(eq(steps.unitId, unitId))).toHaveLength(1);
  });

  it('answers 503 and writes nothing when the database goes while the write is being handled', async () => {
    // a unit of its own with one step, whatever ran before
    const own = (await t.unit()).id;
    expect((await write('wiring.started', own)).statusCode).toBe(201);
    const before = await t.database.db.select().from(units).where(eq(units.id, own));
    cutInHandler = true;
    const refused = await write('wiring.completed', own);
    cutInHandler = false;
    expect(refused.statusCode, refused.body).toBe(503);
    expect(errorOf(refused).code).toBe('UNAVAILABLE');
    expect(await t.database.db.select().from(steps).where(eq(steps.unitId, own))).toHaveLength(1);
    expect(await t.database.db.select().from(units).where(eq(units.id, own))).toEqual(before);

    await link.listen();
    await expect.poll(async () => (await write('wiring.completed', own)).statusCode, { timeout: 15_000, interval: 250 }).toBe(201);
  });

  it('logs the loss without the session token or its hash', async () => {
    // a loss of its own, so that there is something logged whatever ran before
    await link.cut();
    expect((await write('wiring.started', (await t.unit()).id)).statusCode).toBe(503);
    await link.listen();
    await expect.poll(async () => (await app.inject({ method: 'GET', url: '/readyz' })).statusCode, { timeout: 15_000, interval: 250 }).toBe(200);
    const log = logged.join('');
    expect(log).toContain('database unavailable');
    const token = cookie.split('=')[1];
    for (const secret of [token, createHash('sha256').update(token).digest('hex')]) expect(log).not.toContain(secret);
  });
});

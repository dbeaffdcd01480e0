// The real server as a child process on its own database, for tests that need a process:
// crashes, restarts, browsers.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServerIfStale } from '../../scripts/build-if-stale.mjs';
import { adminClient, databaseUrl } from '../setup/postgres.js';

export const ADMIN = { username: 'admin', password: 'admin-pass-123' };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Where a server keeps its data: a PGlite folder, or a PostgreSQL database of its own. */
export interface Store {
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A new store; on PGlite, a copy of `pgliteTemplate` (a migrated data folder) when given, which starts faster. */
export async function freshStore(opts: { pgliteTemplate?: string } = {}): Promise<Store> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `zw_p_${randomBytes(5).toString('hex')}`;
    const admin = adminClient(serverUrl);
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    return {
      env: { DATABASE_URL: databaseUrl(serverUrl, name), DATA_DIR: '' },
      async drop() {
        const a = adminClient(serverUrl);
        await a.unsafe(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'zw-proc-'));
  if (opts.pgliteTemplate) cpSync(opts.pgliteTemplate, dir, { recursive: true });
  return { env: { DATA_DIR: dir, DATABASE_URL: '' }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  log: string[];
  /** SIGTERM and wait for the exit */
  stop(): Promise<number | null>;
  /** SIGKILL: no chance to finish anything */
  kill(): Promise<void>;
}

/** What follows `node` in the command that starts the server: the Dockerfile's CMD (tests/deploy/compose.test.ts holds them together). */
export const SERVER_ARGS = ['--enable-source-maps', 'dist/server/server/main.js'];

export async function spawnServer(
  store: Store,
  env: Record<string, string> = {},
  opts: { keepLog?: boolean; nodeArgs?: string[]; args?: string[] } = {},
): Promise<ServerProcess> {
  // the compiled server, as `npm start` and the Dockerfile run it; built here when its sources
  // are newer (the test run's global setup has built it already, so this is a few stat calls)
  buildServerIfStale();
  const port = await freePort();
  // node itself, one process, so signals and RSS are the server's own
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...(opts.args ?? SERVER_ARGS)], {
    env: {
      ...process.env,
      TEST_DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      PASSWORD_COST: '10',
      LOG_LEVEL: 'warn',
      ...store.env,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const keep = opts.keepLog ?? true;
  child.stdout!.on('data', (d) => keep && log.push(String(d)));
  child.stderr!.on('data', (d) => log.push(String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000; // a first PGlite start on a busy 2-core machine is slow
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log.join('')}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not become ready: ${log.join('')}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    child,
    log,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A logged-in API client over HTTP. */
export async function httpAs(base: string, username = ADMIN.username, password = ADMIN.password) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    cookie,
    call,
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body ?? {}),
  };
}

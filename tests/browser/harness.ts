// The real server as a child process on its own database, an API client to seed it, and
// Debian's chromium driven by playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, beforeEach, expect, inject } from 'vitest';
import { adminClient, databaseUrl } from '../setup/postgres.js';

export const ADMIN = { username: 'admin', password: 'admin-pass-123' };
export const SHOTS = 'test-results/screenshots';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Server {
  url: string;
  process: ChildProcess;
  log: string[];
  stop(): Promise<void>;
}

/** Starts `server/main.ts` on a fresh database (PGlite in a temp dir, or a new PostgreSQL database). */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  // the server serves the dashboard only if it finds it built when it starts: wait out a rebuild in progress
  for (let waited = 0; !existsSync('web/dist/index.html') && waited < 60_000; waited += 250) await new Promise((r) => setTimeout(r, 250));
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'zw-browser-'));
  const serverUrl = process.env.TEST_DATABASE_URL;
  let dbName: string | undefined;
  if (serverUrl) {
    dbName = `zw_b_${randomBytes(5).toString('hex')}`;
    const admin = adminClient(serverUrl);
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
  } else {
    const template = inject('pgliteTemplate');
    if (template) cpSync(template, dataDir, { recursive: true });
  }
  const child = spawn('node_modules/.bin/tsx', ['server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: dbName ? databaseUrl(serverUrl!, dbName) : '',
      BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      PASSWORD_COST: '10',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stdout!.on('data', (d) => log.push(String(d)));
  child.stderr!.on('data', (d) => log.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log.join('')}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not become ready: ${log.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    process: child,
    log,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dataDir, { recursive: true, force: true });
      if (dbName) {
        const admin = adminClient(serverUrl!);
        await admin.unsafe(`drop database if exists ${dbName} with (force)`);
        await admin.end();
      }
    },
  };
}

/** A logged-in API client for seeding and for checking what the browser did. */
export async function apiAs(base: string, username: string, password: string) {
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
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body ?? {}),
    patch: (path: string, body?: unknown) => call('PATCH', path, body ?? {}),
    put: (path: string, body?: unknown) => call('PUT', path, body ?? {}),
  };
}
export type Api = Awaited<ReturnType<typeof apiAs>>;

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** console errors and page errors seen so far: a clean page has none */
  errors: string[];
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openBrowser(opts: { width?: number; height?: number } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'chrome-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 860 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (m) => {
    // a 401 before login and the 4xx the tests provoke on purpose are answers, not faults
    if (m.type() === 'error' && !/status of (401|403|404|409|400)/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  mkdirSync(SHOTS, { recursive: true });
  return {
    context,
    page,
    errors,
    shot: async (name) => {
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Logs in from the login page and waits until in; whoever was logged in before logs out first, as people do. */
export async function logIn(page: Page, base: string, username: string, password: string) {
  await page.goto(`${base}/`);
  const form = page.getByLabel('用户名');
  const logout = page.getByRole('button', { name: '退出登录' });
  await form.or(logout).first().waitFor();
  if (await logout.isVisible()) {
    await logout.click();
    await form.waitFor();
  }
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
}

/** Marks the document, so that `sameDocument` can tell a reload (or a full navigation) happened. */
export const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { zwMark: boolean }).zwMark = true));
export const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { zwMark?: boolean }).zwMark === true);

export async function logOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('heading', { name: '登录' }).waitFor();
}

/** The header's "who is signed in": 姓名（角色）. */
export const signedInAs = (page: Page, displayName: string, roleLabel: string) => page.getByText(`${displayName}（${roleLabel}）`);

let serial = 0;
/** A code no other test in this run uses. */
export const uniqueCode = (prefix: string) => `${prefix}${Date.now().toString(36).slice(-5)}${(serial++).toString(36)}`.toUpperCase();

export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

export interface SeededUnit {
  id: string;
  code: string;
  name: string;
  kind: string;
}

export async function seedUnit(api: Api, name: string, fields: Record<string, unknown> = {}): Promise<SeededUnit> {
  const { unit } = await api.post('/api/units', { code: uniqueCode('U'), name, kind: 'department', ...fields });
  return unit;
}

/** Logs steps in order through the API, each `{type, data?, occurredAt?}`. */
export async function seedSteps(api: Api, unitId: string, steps: { type: string; data?: Record<string, unknown>; occurredAt?: string }[]) {
  for (const step of steps) await api.post(`/api/units/${unitId}/events`, step);
}

export const CONNECTED = [{ type: 'wiring.completed' }, { type: 'connection.completed' }];

export interface SeededUser {
  id: string;
  username: string;
  password: string;
  displayName: string;
}

export async function seedUser(api: Api, role: 'office' | 'technician' | 'unit' | 'viewer', displayName: string, unitId?: string): Promise<SeededUser> {
  const username = uniqueCode(role).toLowerCase();
  const password = 'pass-word-123';
  const { user } = await api.post('/api/users', { username, displayName, role, password, ...(unitId ? { unitId } : {}) });
  return { id: user.id, username, password, displayName };
}

/**
 * Per test: a screenshot when it fails (test-results/screenshots/failed-*.png), and no console
 * errors or page errors left behind by the pages it opened.
 */
export function checkEachPage(current: () => Browser) {
  beforeEach(({ task, onTestFailed }) => {
    if (task.fails) return; // an it.fails test is expected to fail
    onTestFailed(async () => {
      await current().shot(`failed-${task.name.slice(0, 60).replace(/[^\w一-龥]+/g, '-')}`).catch(() => {});
    });
  });
  afterEach(() => {
    expect(current().errors.splice(0)).toEqual([]);
  });
}

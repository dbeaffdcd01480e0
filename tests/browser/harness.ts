// The real server as a child process on its own database, an API client to seed it, and
// Debian's chromium driven by playwright-core.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import { ADMIN, freshStore, httpAs, spawnServer } from '../helpers/server-process.js';

export { ADMIN };
export const SHOTS = 'test-results/screenshots';

export interface Server {
  url: string;
  log: string[];
  stop(): Promise<void>;
}

/** Starts the compiled server on a fresh database (PGlite in a temp dir, or a new PostgreSQL database). */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  // the server serves the dashboard only if it finds it built when it starts: wait out a rebuild in progress
  for (let waited = 0; !existsSync('web/dist/index.html') && waited < 60_000; waited += 250) await new Promise((r) => setTimeout(r, 250));
  const store = await freshStore({ pgliteTemplate: inject('pgliteTemplate') || undefined });
  const server = await spawnServer(store, env);
  return {
    url: server.url,
    log: server.log,
    async stop() {
      await server.stop();
      await store.drop();
    },
  };
}

/** A logged-in API client for seeding and for checking what the browser did: a refusal throws. */
export async function apiAs(base: string, username: string, password: string) {
  const http = await httpAs(base, username, password);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await http.call(method, path, body);
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
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

export interface Stage {
  server: Server;
  browser: Browser;
  /** the office's API client, for seeding and checking */
  office: Api;
}

/**
 * What each browser test file runs on: a server on a fresh database, a browser, and the office's
 * API client, opened before the file's tests and closed after; `prepare` seeds what the file needs.
 */
export function useStage(opts: { width?: number; height?: number; prepare?: (stage: Stage) => Promise<void> } = {}): Stage {
  const stage = {} as Stage;
  beforeAll(async () => {
    stage.server = await startServer();
    stage.office = await apiAs(stage.server.url, ADMIN.username, ADMIN.password);
    await opts.prepare?.(stage);
    stage.browser = await openBrowser(opts);
  });
  afterAll(async () => {
    await stage.browser?.close();
    await stage.server?.stop();
  });
  return stage;
}

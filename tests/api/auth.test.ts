import { desc, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { audit, users } from '../../db/schema/index.js';
import { createTestApp, errorOf, PASSWORD, uniq, type TestApp } from '../helpers/app.js';
import { appTest } from '../helpers/fixture.js';

const test = appTest({ LOGIN_MAX_FAILURES_PER_USER: '3', LOGIN_MAX_FAILURES_PER_IP: '8', SESSION_IDLE_MINUTES: '30' });

const login = (t: TestApp, username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

describe('logging in', () => {
  test('answers the user and sets an HttpOnly SameSite session cookie', async ({ t }) => {
    const agent = await t.as('technician');
    const res = await login(t, agent.user.username, PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toEqual({ id: agent.user.id, username: agent.user.username, displayName: agent.user.displayName, role: 'technician', unitId: null, scope: null });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=(Lax|Strict)/i);
  });

  test('gives the same 401 for an unknown user and a wrong password', async ({ t }) => {
    const agent = await t.as('viewer');
    const unknown = await login(t, uniq('ghost-'), PASSWORD, { 'x-forwarded-for': '1' });
    const wrong = await login(t, agent.user.username, 'not the password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(errorOf(unknown)).toEqual(errorOf(wrong));
  });

  test('makes a new session at each login', async ({ t }) => {
    const agent = await t.as('viewer');
    const again = await login(t, agent.user.username, PASSWORD, { cookie: agent.cookie });
    const fresh = String(again.headers['set-cookie']).split(';')[0];
    expect(fresh).not.toBe(agent.cookie);
    // the session the request came with has ended
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
  });

  test('is case-insensitive about the username', async ({ t }) => {
    const agent = await t.as('viewer', { username: uniq('Li-') });
    expect((await login(t, agent.user.username.toUpperCase(), PASSWORD)).statusCode).toBe(200);
  });

  test('refuses with 429 after repeated failures for one username, even with the right password', async ({ t }) => {
    const agent = await t.as('viewer');
    for (let i = 0; i < 3; i++) expect((await login(t, agent.user.username, 'wrong password')).statusCode).toBe(401);
    const res = await login(t, agent.user.username, PASSWORD);
    expect(res.statusCode).toBe(429);
    expect(errorOf(res).code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  test('counts guesses sent in parallel one after another: only as many as the limit get an answer', async ({ t }) => {
    const agent = await t.as('viewer');
    const guess = (username: string, remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong password' }, remoteAddress });
    const statuses = async (guesses: Promise<{ statusCode: number }>[]) => (await Promise.all(guesses)).map((r) => r.statusCode).sort();
    const { maxPerUser, maxPerIp } = t.config.login;
    // one username from many addresses
    expect(await statuses(Array.from({ length: 16 }, (_, i) => guess(agent.user.username, `10.2.0.${i}`)))).toEqual([
      ...Array(maxPerUser).fill(401),
      ...Array(16 - maxPerUser).fill(429),
    ]);
    // many usernames from one address
    expect(await statuses(Array.from({ length: 16 }, () => guess(uniq('nobody-'), '10.3.0.1')))).toEqual([
      ...Array(maxPerIp).fill(401),
      ...Array(16 - maxPerIp).fill(429),
    ]);
  });

  test('counts failures for a username only since its last successful login (typos are not an attack)', async ({ t }) => {
    const agent = await t.as('viewer');
    const remoteAddress = '10.1.1.1';
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: agent.user.username, password }, remoteAddress });
    for (let i = 0; i < 2; i++) expect((await attempt('typo')).statusCode).toBe(401);
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) expect((await attempt('typo')).statusCode).toBe(401);
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
  });

  test('refuses with 429 after repeated failures from one address across usernames', async ({ t }) => {
    const ip = { remoteAddress: '10.9.8.7' };
    const attempt = (username: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, ...ip });
    for (let i = 0; i < 8; i++) await attempt(uniq('nobody-'), 'wrong password');
    const agent = await t.as('viewer');
    expect((await attempt(agent.user.username, PASSWORD)).statusCode).toBe(429);
    // another address is not affected
    expect((await login(t, agent.user.username, PASSWORD)).statusCode).toBe(200);
  });

  test('writes every attempt, success or failure, to the audit log without the password', async ({ t }) => {
    const agent = await t.as('viewer');
    await login(t, agent.user.username, 'wrong password');
    const rows = await t.database.db.select().from(audit).where(eq(audit.target, agent.user.username.toLowerCase()));
    const actions = rows.map((r) => r.action);
    expect(actions).toContain('auth.login');
    expect(actions).toContain('auth.login_failed');
    expect(JSON.stringify(rows)).not.toContain('wrong password');
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });

  test('validates the body: a missing password is a 400', async ({ t }) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'password' })]);
  });
});

describe('the session', () => {
  test('GET /api/auth/me answers the user, or 401 without a session', async ({ t }) => {
    const agent = await t.as('office');
    expect((await agent.get('/api/auth/me')).json().user.id).toBe(agent.user.id);
    const anon = await t.anonymous.get('/api/auth/me');
    expect(anon.statusCode).toBe(401);
    expect(errorOf(anon).code).toBe('UNAUTHENTICATED');
  });

  test('logout answers 204 and the session no longer works', async ({ t }) => {
    const agent = await t.as('office');
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
    expect((await agent.get('/api/units')).statusCode).toBe(401);
  });

  test('a forged or unknown cookie is a 401', async ({ t }) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'zw_session=forged' } });
    expect(res.statusCode).toBe(401);
  });

  test('ends after the idle time', async ({ t }) => {
    const agent = await t.as('office');
    const { sessions } = await import('../../db/schema/index.js');
    await t.database.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) });
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
  });

  test('ends at the absolute expiry however busy', async ({ t }) => {
    const agent = await t.as('office');
    const { sessions } = await import('../../db/schema/index.js');
    await t.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) });
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
  });

  test('sets the absolute expiry SESSION_MAX_HOURS after login, in the database and on the cookie', async () => {
    const { sessions } = await import('../../db/schema/index.js');
    const short = await createTestApp({ SESSION_MAX_HOURS: '2' });
    try {
      const agent = await short.as('viewer');
      const before = Date.now();
      const res = await short.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: agent.user.username, password: PASSWORD } });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toContain('Max-Age=7200');
      const [row] = await short.database.db.select().from(sessions).orderBy(desc(sessions.expiresAt)).limit(1);
      expect(row.expiresAt.getTime() - before).toBeGreaterThan(2 * 3_600_000 - 60_000);
      expect(row.expiresAt.getTime() - before).toBeLessThanOrEqual(2 * 3_600_000 + 60_000);
    } finally {
      await short.close();
    }
  });

  test('a disabled user cannot log in and its sessions end at once', async ({ t }) => {
    const office = await t.as('office');
    const agent = await t.as('technician');
    const res = await office.patch(`/api/users/${agent.user.id}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login(t, agent.user.username, PASSWORD)).statusCode).toBe(401);
  });
});

describe('first start', () => {
  test('creates admin with a random password printed once, and never again', async () => {
    const { ensureFirstUser } = await import('../../server/bootstrap.js');
    const fresh = await createTestApp();
    try {
      const printed: string[] = [];
      const log = { info: () => {} };
      await ensureFirstUser(fresh.database.db, fresh.config, log, (s) => printed.push(s));
      expect(printed).toHaveLength(1);
      const password = /password: (\S+)/.exec(printed[0])![1];
      expect(password.length).toBeGreaterThanOrEqual(16);
      const res = await fresh.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password } });
      expect(res.json().user.role).toBe('office');
      await ensureFirstUser(fresh.database.db, fresh.config, log, (s) => printed.push(s));
      expect(printed).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });

  test('uses BOOTSTRAP_ADMIN_USERNAME and _PASSWORD when set, printing no password', async () => {
    const { ensureFirstUser } = await import('../../server/bootstrap.js');
    const fresh = await createTestApp({ BOOTSTRAP_ADMIN_USERNAME: 'zhangsan', BOOTSTRAP_ADMIN_PASSWORD: 's3cret-pass' });
    try {
      const printed: string[] = [];
      await ensureFirstUser(fresh.database.db, fresh.config, { info: () => {} }, (s) => printed.push(s));
      expect(printed).toHaveLength(0);
      const [user] = await fresh.database.db.select().from(users).where(eq(users.username, 'zhangsan'));
      expect(user.role).toBe('office');
      const res = await fresh.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zhangsan', password: 's3cret-pass' } });
      expect(res.statusCode).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});

// What ends a session, and what a user may do about its own: the credential version, the sweep
// of ended sessions, changing one's own password, and how long a locked-out login waits.
import { eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { audit, sessions, users } from '../../db/schema/index.js';
import { errorOf, PASSWORD, uniq, type TestApp } from '../helpers/app.js';
import { appTest } from '../helpers/fixture.js';

// a sweep every 0.3 s, so that a test sees one; three failures lock a username for 15 minutes
const test = appTest({ SESSION_SWEEP_SECONDS: '0.3', LOGIN_MAX_FAILURES_PER_USER: '3', LOGIN_MAX_FAILURES_PER_IP: '10000' });

const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0];
const me = (t: TestApp, cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
const login = (t: TestApp, username: string, password = PASSWORD) => t.anonymous.post('/api/auth/login', { username, password });
const versionOf = async (t: TestApp, id: string) => (await t.database.db.select().from(users).where(eq(users.id, id)))[0].credentialVersion;

describe('the credential version', () => {
  test('a session made under the version before a change is dead, whenever it was created', async ({ t, office }) => {
    const viewer = await t.as('viewer');
    const before = await versionOf(t, viewer.user.id);
    expect((await office.patch(`/api/users/${viewer.user.id}`, { password: 'reset password 1' })).statusCode).toBe(200);
    // what a login that read the user before the reset would create after it
    const late = await t.app.sessions.create(viewer.user.id, before);
    expect((await me(t, `zw_session=${late}`)).statusCode).toBe(401);
    expect((await me(t, `zw_session=${await t.app.sessions.create(viewer.user.id, before + 1)}`)).statusCode).toBe(200);
  });

  test.for([
    ['a new password', { password: 'another password 1' }],
    ['a new role', { role: 'technician' }],
    ['being disabled', { disabled: true }],
  ])('%s ends every session of the user', async ([_what, patch], { t, office }) => {
    const viewer = await t.as('viewer');
    const second = cookieOf(await login(t, viewer.user.username));
    expect((await office.patch(`/api/users/${viewer.user.id}`, patch)).statusCode).toBe(200);
    expect((await viewer.get('/api/auth/me')).statusCode).toBe(401);
    expect((await me(t, second)).statusCode).toBe(401);
  });

  test('a new unit ends the sessions of a unit contact', async ({ t, office }) => {
    const contact = await t.as('unit');
    const other = await t.unit();
    expect((await office.patch(`/api/users/${contact.user.id}`, { unitId: other.id })).statusCode).toBe(200);
    expect((await contact.get('/api/auth/me')).statusCode).toBe(401);
  });

  test('a new display name or enabling ends nothing', async ({ t, office }) => {
    const viewer = await t.as('viewer');
    expect((await office.patch(`/api/users/${viewer.user.id}`, { displayName: '李四', disabled: false })).statusCode).toBe(200);
    expect((await viewer.get('/api/auth/me')).statusCode).toBe(200);
  });
});

describe('the sweep of ended sessions', () => {
  test('deletes an expired session’s row, an idle one’s and one of an older credential version, on its own timer', async ({ t }) => {
    const expired = await t.as('viewer');
    const idle = await t.as('viewer');
    const stale = await t.as('viewer');
    const live = await t.as('viewer');
    await t.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, expired.user.id));
    await t.database.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 9 * 3_600_000) }).where(eq(sessions.userId, idle.user.id));
    await t.database.db.update(users).set({ credentialVersion: 7 }).where(eq(users.id, stale.user.id));
    const rowsOf = async (id: string) => (await t.database.db.select().from(sessions).where(eq(sessions.userId, id))).length;
    await expect.poll(() => rowsOf(expired.user.id), { timeout: 3000 }).toBe(0);
    await expect.poll(() => rowsOf(idle.user.id), { timeout: 3000 }).toBe(0);
    await expect.poll(() => rowsOf(stale.user.id), { timeout: 3000 }).toBe(0);
    expect(await rowsOf(live.user.id)).toBe(1);
  });
});

describe('changing one’s own password', () => {
  test('every role may; the old password stops working, the other sessions end, this one goes on; audited', async ({ t }) => {
    for (const role of ['office', 'technician', 'unit', 'viewer'] as const) {
      const agent = await t.as(role);
      const other = cookieOf(await login(t, agent.user.username));
      const res = await agent.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'my own new password' });
      expect(res.statusCode, role).toBe(204);
      expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
      expect((await me(t, other)).statusCode).toBe(401);
      expect((await login(t, agent.user.username)).statusCode).toBe(401);
      expect((await login(t, agent.user.username, 'my own new password')).statusCode).toBe(200);
      const rows = await t.database.db.select().from(audit).where(eq(audit.target, agent.user.id));
      expect(rows.map((r) => r.action)).toContain('user.password_change');
      expect(JSON.stringify(rows)).not.toContain('my own new password');
    }
  });

  test('refuses a wrong current password with 400 naming it, and counts it as a failed login', async ({ t }) => {
    const agent = await t.as('technician');
    const res = await agent.post('/api/auth/password', { currentPassword: 'not it', newPassword: 'my own new password' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    for (let i = 0; i < 2; i++) await agent.post('/api/auth/password', { currentPassword: 'not it', newPassword: 'my own new password' });
    const locked = await agent.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'my own new password' });
    expect(locked.statusCode).toBe(429);
    expect((await login(t, agent.user.username)).statusCode).toBe(429);
  });

  test('refuses a short new password, or the current one again, with 400; needs a session (401)', async ({ t }) => {
    const agent = await t.as('viewer');
    const short = await agent.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(errorOf(short).details).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    const same = await agent.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(same.statusCode).toBe(400);
    expect(errorOf(same).details).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    expect((await t.anonymous.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'my own new password' })).statusCode).toBe(401);
  });
});

describe('a locked-out login', () => {
  test('says how long to wait: in the details, the Retry-After header and the message', async ({ t }) => {
    const agent = await t.as('viewer');
    for (let i = 0; i < 3; i++) await login(t, agent.user.username, 'wrong password');
    const res = await login(t, agent.user.username);
    expect(res.statusCode).toBe(429);
    const { details, message } = errorOf(res);
    const wait = (details as { retryAfter: number }).retryAfter;
    // the oldest of the three failures leaves the 15-minute window in a little under 15 minutes
    expect(wait).toBeGreaterThan(14 * 60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    expect(Number(res.headers['retry-after'])).toBe(wait);
    expect(message).toContain('15 minutes');
  });

  test('waits only until the counted failures drop below the limit: three failures 10 minutes ago, 5 minutes', async ({ t, office }) => {
    const username = uniq('wait-');
    expect((await office.post('/api/users', { username, displayName: '等待', role: 'viewer', password: PASSWORD })).statusCode).toBe(201);
    // the audit log refuses UPDATE: rows written as 10 minutes old stand for earlier failures
    for (let i = 0; i < 3; i++) {
      await t.database.db.insert(audit).values({ at: new Date(Date.now() - 10 * 60_000 - i * 1000), action: 'auth.login_failed', target: username, ip: '10.0.0.1' });
    }
    const res = await login(t, username);
    expect(res.statusCode).toBe(429);
    const wait = (errorOf(res).details as { retryAfter: number }).retryAfter;
    expect(wait).toBeGreaterThan(4 * 60);
    expect(wait).toBeLessThanOrEqual(5 * 60);
    expect(errorOf(res).message).toContain('5 minutes');
  });
});

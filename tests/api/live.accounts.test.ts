// A live stream hears as the user who opened it: a change to that user's role or unit ends the
// stream at once (not at the next beat, set to a minute here), so nothing of the old unit
// reaches a contact moved away from it.
import { describe, expect } from 'vitest';
import { PASSWORD } from '../helpers/app.js';
import { appTest } from '../helpers/fixture.js';

// the app listens on a port of its own, `base`, for fetch to stream from
const test = appTest({ LIVE_HEARTBEAT_SECONDS: '60' }).extend('base', { scope: 'file' }, ({ t }) => t.app.listen({ port: 0, host: '127.0.0.1' }));

/** Opens /api/live and collects its `step` events' unit ids. */
async function stream(base: string, cookie: string) {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/live`, { headers: { cookie }, signal: abort.signal });
  const units: string[] = [];
  let ended = false;
  const reader = res.body!.getReader();
  void (async () => {
    let text = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
        for (const m of text.matchAll(/^data: (.*)$/gm)) units.push((JSON.parse(m[1]) as { unitId: string }).unitId);
        text = text.slice(text.lastIndexOf('\n\n') + 2);
      }
    } catch {
      /* aborted */
    }
    ended = true;
  })();
  // the stream is open once its first line came
  await new Promise((r) => setTimeout(r, 100));
  return { units, close: () => abort.abort(), get ended() { return ended; } };
}

describe('a change to the user behind a live stream', () => {
  test('a contact moved to another unit: its stream ends at once and hears nothing more of the old unit', async ({ t, office, base }) => {
    const oldUnit = await t.unit();
    const newUnit = await t.unit();
    const contact = await t.as('unit', { unitId: oldUnit.id });
    const s = await stream(base, contact.cookie);
    await office.post(`/api/units/${oldUnit.id}/events`, { type: 'wiring.started' });
    await expect.poll(() => s.units, { timeout: 1000 }).toEqual([oldUnit.id]);

    expect((await office.patch(`/api/users/${contact.user.id}`, { unitId: newUnit.id })).statusCode).toBe(200);
    await office.post(`/api/units/${oldUnit.id}/events`, { type: 'wiring.completed' });
    await expect.poll(() => s.ended, { timeout: 1000 }).toBe(true);
    expect(s.units).toEqual([oldUnit.id]);
    // and its session with it: it logs in again, as the contact of the new unit
    expect((await contact.get('/api/auth/me')).statusCode).toBe(401);
    const again = await t.anonymous.post('/api/auth/login', { username: contact.user.username, password: PASSWORD });
    expect(again.json().user.unitId).toBe(newUnit.id);
  });

  test('a new role ends the stream at once', async ({ t, office, base }) => {
    const technician = await t.as('technician');
    const s = await stream(base, technician.cookie);
    expect((await office.patch(`/api/users/${technician.user.id}`, { role: 'viewer' })).statusCode).toBe(200);
    await expect.poll(() => s.ended, { timeout: 1000 }).toBe(true);
  });

  test('a password reset by the office ends every stream of the user; changing one’s own ends only the others', async ({ t, office, base }) => {
    const viewer = await t.as('viewer');
    const login = await t.anonymous.post('/api/auth/login', { username: viewer.user.username, password: PASSWORD });
    const otherCookie = String(login.headers['set-cookie']).split(';')[0];
    const mine = await stream(base, viewer.cookie);
    const other = await stream(base, otherCookie);
    const res = await viewer.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a new password 2' });
    expect(res.statusCode).toBe(204);
    await expect.poll(() => other.ended, { timeout: 1000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(mine.ended).toBe(false);

    expect((await office.patch(`/api/users/${viewer.user.id}`, { password: 'reset by office 3' })).statusCode).toBe(200);
    await expect.poll(() => mine.ended, { timeout: 1000 }).toBe(true);
  });

  test('a change to the display name ends nothing', async ({ t, office, base }) => {
    const viewer = await t.as('viewer');
    const s = await stream(base, viewer.cookie);
    expect((await office.patch(`/api/users/${viewer.user.id}`, { displayName: '新名字' })).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(s.ended).toBe(false);
    expect((await viewer.get('/api/auth/me')).json().user.displayName).toBe('新名字');
    s.close();
  });
});

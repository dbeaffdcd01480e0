// Live views: steps reach open event streams, on this process and on another one.
import { describe, expect } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { buildApp, type App } from '../../server/app.js';
import { PASSWORD } from '../helpers/app.js';
import { appTest } from '../helpers/fixture.js';

// a beat every 0.2 s, so that a stream notices the end of its session at once; the app listens
// on a port of its own, `base`, for fetch to stream from
const test = appTest({ LIVE_HEARTBEAT_SECONDS: '0.2' }).extend('base', { scope: 'file' }, ({ t }) => t.app.listen({ port: 0, host: '127.0.0.1' }));

/** Opens /api/live and collects its `step` events. */
async function stream(url: string, cookie: string) {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/live`, { headers: { cookie }, signal: abort.signal });
  const events: { unitId: string; type: string; voided: boolean }[] = [];
  let text = '';
  let ended = false;
  const reader = res.body!.getReader();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          ended = true;
          return;
        }
        text += new TextDecoder().decode(value);
        let cut;
        while ((cut = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, cut);
          text = text.slice(cut + 2);
          const data = /^data: (.*)$/m.exec(block);
          if (/^event: step$/m.test(block) && data) events.push(JSON.parse(data[1]));
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    res,
    events,
    close: () => abort.abort(),
    get ended() {
      return ended;
    },
  };
}

describe('live step events', () => {
  test('answers 401 without a session, to HEAD as to GET', async ({ base }) => {
    expect((await fetch(`${base}/api/live`)).status).toBe(401);
    expect((await fetch(`${base}/api/live`, { method: 'HEAD' })).status).toBe(401);
  });

  test('ends a stream within a beat of the end of its session: a logout, or its user disabled', async ({ t, office, base }) => {
    const viewer = await t.as('viewer');
    const s = await stream(base, viewer.cookie);
    await new Promise((r) => setTimeout(r, 600));
    expect(s.ended).toBe(false);
    expect((await viewer.post('/api/auth/logout')).statusCode).toBe(204);
    await expect.poll(() => s.ended, { timeout: 2000 }).toBe(true);

    const technician = await t.as('technician');
    const other = await stream(base, technician.cookie);
    expect((await office.patch(`/api/users/${technician.user.id}`, { disabled: true })).statusCode).toBe(200);
    await expect.poll(() => other.ended, { timeout: 2000 }).toBe(true);
  });

  test('a stream that fails does not keep a step from the streams after it', async ({ t, office, base }) => {
    const broken = () => {
      throw new Error('a broken stream');
    };
    t.app.live.prependListener('step', broken);
    const s = await stream(base, office.cookie);
    try {
      const unit = await t.unit();
      await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started' });
      await expect.poll(() => s.events.some((e) => e.unitId === unit.id), { timeout: 1000 }).toBe(true);
    } finally {
      t.app.live.off('step', broken);
      s.close();
    }
  });

  test('a recorded and a voided step reach an open stream within a second', async ({ t, office, base }) => {
    const s = await stream(base, office.cookie);
    expect(s.res.headers.get('content-type')).toContain('text/event-stream');
    const unit = await t.unit();
    const { event } = (await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started' })).json();
    await expect.poll(() => s.events.find((e) => e.unitId === unit.id), { timeout: 1000 }).toMatchObject({ type: 'wiring.started', voided: false });
    await office.post(`/api/events/${event.id}/void`, { reason: 'x' });
    await expect.poll(() => s.events.filter((e) => e.unitId === unit.id).length, { timeout: 1000 }).toBe(2);
    s.close();
  });

  test('a refused step announces nothing', async ({ t, office, base }) => {
    const s = await stream(base, office.cookie);
    const unit = await t.unit();
    expect((await office.post(`/api/units/${unit.id}/events`, { type: 'connection.started' })).statusCode).toBe(409);
    await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started' });
    await expect.poll(() => s.events.filter((e) => e.unitId === unit.id).map((e) => e.type), { timeout: 1000 }).toEqual(['wiring.started']);
    s.close();
  });

  test("a unit's contact hears only its own unit", async ({ t, office, base }) => {
    const mine = await t.unit();
    const other = await t.unit();
    const contact = await t.as('unit', { unitId: mine.id });
    const s = await stream(base, contact.cookie);
    await office.post(`/api/units/${other.id}/events`, { type: 'wiring.started' });
    await office.post(`/api/units/${mine.id}/events`, { type: 'wiring.started' });
    await expect.poll(() => s.events.length, { timeout: 1000 }).toBe(1);
    expect(s.events[0].unitId).toBe(mine.id);
    s.close();
  });

  test.skipIf(!process.env.TEST_DATABASE_URL)('a step written through one server process reaches a stream opened on another', async ({ t, office }) => {
    const second = await openDatabase({ url: t.database.url! });
    let other: App | undefined;
    try {
      other = await buildApp({ config: t.config, database: second });
      const otherBase = await other.listen({ port: 0, host: '127.0.0.1' });
      const login = await fetch(`${otherBase}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: office.user.username, password: PASSWORD }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const s = await stream(otherBase, cookie);
      const unit = await t.unit();
      await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.refused', data: { reason: '不让进' } });
      await expect.poll(() => s.events.find((e) => e.unitId === unit.id), { timeout: 1500 }).toMatchObject({ type: 'wiring.refused' });
      s.close();
    } finally {
      await other?.close();
      await second.close();
    }
  });
});

// Two server processes on one PostgreSQL, both running the sender loop while alerts are
// written through both: every message reaches its robot exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, httpAs, spawnServer, type ServerProcess, type Store } from '../helpers/server-process.js';
import { startReceiver, type Receiver } from './notify.receiver.js';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const UNITS = 18; // under the 20-a-minute limit of each robot, so that nothing waits a real minute
const CHANNELS = 3;

let store: Store;
let servers: ServerProcess[] = [];
let robot: Receiver;
beforeAll(async () => {
  if (!onPostgres) return;
  robot = await startReceiver();
  store = await freshStore();
  const env = { NOTIFY_ALLOWED_HOSTS: '127.0.0.1', NOTIFY_POLL_SECONDS: '0.05', NOTIFY_TIMEOUT_MS: '2000' };
  // one first, so that the second finds the database migrated and the first user made
  servers = [await spawnServer(store, env)];
  servers.push(await spawnServer(store, env));
}, 180_000);
afterAll(async () => {
  if (!onPostgres) return;
  await Promise.all(servers.map((s) => s.stop()));
  await store.drop();
  await robot.close();
});

describe.skipIf(!onPostgres)('two server processes', () => {
  it('send every alert exactly once, whichever process wrote it', async () => {
    const [a, b] = [await httpAs(servers[0].url), await httpAs(servers[1].url)];
    const keys = Array.from({ length: CHANNELS }, (_, i) => `wk-proc-${i}`);
    const channelIds: string[] = [];
    for (const key of keys) {
      const res = await a.post('/api/channels', { name: key, kind: 'wecom', webhookUrl: robot.wecomUrl(key), alerts: ['wiring_refused'] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      channelIds.push(res.body.channel.id);
    }
    const units: { id: string; name: string }[] = [];
    for (let i = 0; i < UNITS; i++) {
      const res = await a.post('/api/units', { code: `P${String(i).padStart(3, '0')}`, name: `并发测试单位${i}`, kind: 'department' });
      expect(res.status).toBe(201);
      units.push(res.body.unit);
    }
    // written through both processes at once, while both senders run
    const results = await Promise.all(units.map((u, i) => (i % 2 ? a : b).post(`/api/units/${u.id}/events`, { type: 'wiring.refused', data: { reason: '不让进' } })));
    expect(results.map((r) => r.status)).toEqual(units.map(() => 201));

    const deadline = Date.now() + 60_000;
    while (robot.received.length < UNITS * CHANNELS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // time for a duplicate to arrive, were there one
    await new Promise((r) => setTimeout(r, 1500));
    for (const key of keys) {
      const names = robot.for(key).map((r) => /【拒绝布线】(\S+)/.exec(r.text)?.[1]);
      expect(names.sort(), key).toEqual(units.map((u) => u.name).sort());
    }
    for (const id of channelIds) {
      const { items } = (await b.get(`/api/channels/${id}/deliveries`)).body;
      expect(items).toHaveLength(UNITS);
      expect(items.every((d: { status: string; attempts: number }) => d.status === 'sent' && d.attempts === 1)).toBe(true);
    }
  }, 120_000);
});

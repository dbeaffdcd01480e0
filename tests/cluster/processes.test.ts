// Three tracker processes behind nginx on one PostgreSQL primary (with its replica), started
// together as `npm run cluster` starts them: startup, the proxy's headers, the live stream
// across processes, and a process killed under write load.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../db/client.js';
import type { Cluster } from '../../scripts/cluster.js';
import { accessLog, login, newUnits, sqlOn, startTestCluster, stopCluster, until, type Api } from './helpers.js';

let cluster: Cluster;
let api: Api;
beforeAll(async () => {
  cluster = await startTestCluster({ trackers: 3 });
  api = await login(cluster.url);
});
afterAll(() => stopCluster(cluster));

describe('tracker processes started together on an empty database', () => {
  it('all become ready, apply each migration once and create one first user', async () => {
    const sql = sqlOn(cluster.primary.url);
    try {
      const files = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql'));
      const [{ n }] = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
      expect(n).toBe(files.length);
      const [{ users }] = await sql`select count(*)::int as users from users`;
      expect(users).toBe(1);
    } finally {
      await sql.end();
    }
    for (const t of cluster.trackers) {
      expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
      expect(t.log.join(''), `tracker ${t.index + 1}`).not.toMatch(/"level":(50|60)/);
    }
  });
});

describe('nginx in front', () => {
  it('passes the address it saw, not one the client names, to a tracker with TRUST_PROXY=1', async () => {
    const res = await fetch(`${cluster.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({ username: 'nobody-here', password: 'wrong-password' }),
    });
    expect(res.status).toBe(401);
    const { body } = await api.get('/api/audit?action=auth.login_failed');
    const mine = body.items.find((e: { target: string }) => e.target === 'nobody-here');
    expect(mine.ip).toBe('127.0.0.1');
  });

  it('gzips the dashboard and answers an import as large as the server accepts', async () => {
    const page = await fetch(`${cluster.url}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const asset = await fetch(`${cluster.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    // 1.4 MB: beyond nginx's default 1 MiB, within the server's 20 MiB import limit (a dry run)
    const rows = ['code,name,kind', ...Array.from({ length: 15_000 }, (_, i) => `Z${String(i).padStart(7, '0')},${'大'.repeat(20)}单位${i},department`)];
    const body = rows.join('\n');
    expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
    const res = await fetch(`${cluster.url}/api/units/import?dryRun=true`, { method: 'POST', headers: { cookie: api.cookie, 'content-type': 'text/csv' }, body });
    expect(res.status, await res.clone().text()).toBe(200);
  });
});

describe('the live stream through nginx', () => {
  it('a dashboard connected through one process hears steps written through the others', async () => {
    const [unit] = await newUnits(api, cluster.url, 1);
    const abort = new AbortController();
    const stream = await fetch(`${cluster.url}/api/live`, { headers: { cookie: api.cookie }, signal: abort.signal });
    expect(stream.status).toBe(200);
    const heard: string[] = [];
    const reading = (async () => {
      const decoder = new TextDecoder();
      let text = '';
      const reader = stream.body!.getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
          for (const m of text.matchAll(/event: step\ndata: (.+)\n/g)) if (!heard.includes(m[1])) heard.push(m[1]);
        }
      } catch {
        /* aborted */
      }
    })();
    // nginx passes the stream's first bytes at once (buffering off): the stream is open
    await new Promise((r) => setTimeout(r, 300));
    const written: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await api.post(`/api/units/${unit}/events`, { type: 'wiring.postponed', data: { reason: '等待', reasonCode: 'busy_period' } });
      expect(res.status).toBe(201);
      written.push(res.body.event.id);
    }
    await until(async () => written.every((id) => heard.some((h) => JSON.parse(h).stepId === id)), 10_000, 'every step heard');
    abort.abort();
    await reading;
    // which process held the stream, and which wrote each step: nginx's log says
    await until(async () => accessLog(cluster).some((l) => l.uri === '/api/live'), 5000, 'the stream in the access log');
    const lines = accessLog(cluster);
    const streamedBy = lines.find((l) => l.uri === '/api/live')!.upstreams.at(-1);
    const writers = new Set(lines.filter((l) => l.method === 'POST' && l.uri === `/api/units/${unit}/events`).map((l) => l.upstreams.at(-1)));
    expect(streamedBy).toBeDefined();
    expect([...writers].filter((p) => p !== streamedBy).length).toBeGreaterThan(0);
  });
});

describe('a tracker process killed under write load', () => {
  it('loses no step that got a 201, stores each once, and fails only requests in flight on it', async () => {
    const units = await newUnits(api, cluster.url, 300);
    const victim = cluster.trackers[1];
    const steps = [
      { type: 'wiring.started' },
      { type: 'wiring.scheduled', data: { plannedDate: '2026-12-20' } },
      { type: 'wiring.postponed', data: { reason: '年底事务多', reasonCode: 'busy_period' } },
    ];
    interface Sent { id: string; unit: string; body: string; start: number; end: number; status: number }
    const sent: Sent[] = [];
    const TOTAL = 2000;
    let issued = 0;
    let done = 0;
    let killAt = 0;
    let exitAt = 0;
    let restartedAt = 0;
    const send = async (unit: string, body: string, id: string): Promise<Sent> => {
      const start = performance.now();
      let status: number;
      try {
        const res = await fetch(`${cluster.url}/api/units/${unit}/events`, {
          method: 'POST',
          headers: { cookie: api.cookie, 'content-type': 'application/json' },
          body,
        });
        status = res.status;
        await res.arrayBuffer();
      } catch {
        status = -1; // the connection to nginx itself failed
      }
      return { id, unit, body, start, end: performance.now(), status };
    };
    const worker = async () => {
      while (issued < TOTAL) {
        const n = issued++;
        const id = randomUUID();
        const body = JSON.stringify({ ...steps[Math.floor(n / units.length) % steps.length], clientEventId: id });
        sent.push(await send(units[n % units.length], body, id));
        done++;
      }
    };
    const fault = (async () => {
      await until(async () => done >= 400, 60_000, '400 writes before the kill');
      killAt = performance.now();
      await victim.kill();
      exitAt = performance.now();
      await victim.start();
      restartedAt = performance.now();
    })();
    await Promise.all([...Array.from({ length: 32 }, worker), fault]);
    expect(restartedAt).toBeGreaterThan(0);
    // nginx holds the restarted process out for fail_timeout (3 s); on a fast machine the load can
    // end before that, so keep writing until the restarted process has taken one (checked below)
    const sinceRestart = Date.now() - (performance.now() - restartedAt);
    const servedByVictim = () =>
      accessLog(cluster).some((l) => l.method === 'POST' && l.uri.endsWith('/events') && l.status === 201 && l.upstreams.at(-1) === victim.port && l.at > sinceRestart);
    await until(
      async () => {
        for (let i = 0; i < 6; i++) {
          const n = issued++;
          const id = randomUUID();
          sent.push(await send(units[n % units.length], JSON.stringify({ ...steps[Math.floor(n / units.length) % steps.length], clientEventId: id }), id));
        }
        return servedByVictim();
      },
      30_000,
      'a write served by the restarted process',
    );

    const failed = sent.filter((s) => s.status !== 201);
    const inFlightAtKill = sent.filter((s) => s.start <= killAt && s.end >= killAt).length;
    console.log(`writes: ${sent.length}, 201: ${sent.length - failed.length}, failed: ${failed.length} (statuses ${[...new Set(failed.map((f) => f.status))]}), in flight at the kill: ${inFlightAtKill}`);
    // only answers of the kind a dead upstream gives, only for requests sent before it died,
    // no more than were in flight, and none once it was gone
    for (const f of failed) expect(f.status).toBe(502);
    expect(failed.every((f) => f.start < exitAt)).toBe(true);
    expect(failed.length).toBeLessThanOrEqual(inFlightAtKill);
    expect(sent.filter((s) => s.start > exitAt && s.status !== 201)).toEqual([]);
    // nginx says the failures were on the killed process, and it took writes again once restarted
    const log = accessLog(cluster).filter((l) => l.method === 'POST' && l.uri.endsWith('/events'));
    expect(log.filter((l) => l.status === 502).every((l) => l.upstreams.at(-1) === victim.port)).toBe(true);
    expect(servedByVictim()).toBe(true);

    // a client resends what failed, with the same clientEventId: stored once either way
    for (const f of failed) {
      const again = await send(f.unit, f.body, f.id);
      expect([200, 201]).toContain(again.status);
    }
    const sql = sqlOn(cluster.primary.url);
    try {
      const ids = sent.map((s) => s.id);
      const rows = await sql<{ id: string; n: number }[]>`select client_event_id::text as id, count(*)::int as n from steps where client_event_id = any(${ids}::uuid[]) group by 1`;
      const stored = new Map(rows.map((r) => [r.id, r.n]));
      for (const s of sent) if (s.status === 201) expect(stored.get(s.id), s.id).toBe(1);
      expect([...stored.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await sql.end();
    }
  });
});

// Reports and lists on the streaming replica, through nginx: fresh within the lag bound; on the
// primary while the replica lags past it or is down, and back on the replica after, with no
// restart of the trackers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../scripts/cluster.js';
import { login, newUnits, readyz, sqlOn, startTestCluster, stopCluster, until, type Api } from './helpers.js';

const MAX_LAG = 5;
let cluster: Cluster;
let api: Api;
beforeAll(async () => {
  cluster = await startTestCluster({ trackers: 2, maxLagSeconds: MAX_LAG });
  api = await login(cluster.url);
});
afterAll(() => stopCluster(cluster));

/** where every tracker says its replica-routed reads go */
const readsGo = async () => Promise.all(cluster.trackers.map(async (t) => (await readyz(t.url)).body.reads));
// a tracker may answer 503 (no \`reads\`) for the moment its reports' pool still points at a replica
// that just stopped: not there yet, polled again
const allReadsGo = async (to: string, reason?: string) => (await readsGo()).every((r) => r?.to === to && r?.reason === reason);
const inProgress = async () => (await api.get('/api/reports/summary')).body.stages.wiring.in_progress as number;
const feedHas = async (unit: string, step: string) => (await api.get(`/api/events?unitId=${unit}`)).body.items.some((s: { id: string }) => s.id === step);

describe('reads on the streaming replica', () => {
  it('answer from the replica, and a report sees a step written on the primary within the lag bound', async () => {
    await until(() => allReadsGo('replica'), 10_000, 'reads on the replica');
    const [unit] = await newUnits(api, cluster.url, 1);
    const before = await inProgress();
    const written = Date.now();
    expect((await api.post(`/api/units/${unit}/events`, { type: 'wiring.started' })).status).toBe(201);
    const ms = await until(async () => (await inProgress()) === before + 1, MAX_LAG * 1000, 'the step in the summary');
    console.log(`the summary through the replica showed the step ${ms} ms after its 201 (${Date.now() - written} ms after the write began)`);
    expect(await allReadsGo('replica')).toBe(true);
  });

  it('go to the primary while the replica lags past READ_MAX_LAG_SECONDS, and return once it has caught up', async () => {
    const [unit] = await newUnits(api, cluster.url, 1);
    await until(() => allReadsGo('replica'), 10_000, 'reads on the replica');
    const replica = sqlOn(cluster.replica!.url);
    try {
      await replica`select pg_wal_replay_pause()`;
      const res = await api.post(`/api/units/${unit}/events`, { type: 'wiring.started' });
      expect(res.status).toBe(201);
      // the unit's own page reads the primary: the step is there at once
      expect((await api.get(`/api/units/${unit}/events`)).body.items.map((s: { id: string }) => s.id)).toContain(res.body.event.id);
      // the feed reads the paused replica, within the bound: not yet
      expect(await feedHas(unit, res.body.event.id)).toBe(false);
      // past the bound, every process sends those reads to the primary, and says so
      await until(() => allReadsGo('primary', 'replica_lagging'), (MAX_LAG + 6) * 1000, 'reads on the primary');
      const lagging = await readsGo();
      for (const r of lagging) expect(r.lagSeconds === null || r.lagSeconds > MAX_LAG).toBe(true);
      expect(await feedHas(unit, res.body.event.id)).toBe(true);
      await replica`select pg_wal_replay_resume()`;
      await until(() => allReadsGo('replica'), 10_000, 'reads back on the replica');
      expect(await feedHas(unit, res.body.event.id)).toBe(true);
    } finally {
      await replica`select pg_wal_replay_resume()`.catch(() => {});
      await replica.end();
    }
  });

  it('keep answering from the primary when the replica stops under load, and return to it once it is back', async () => {
    await until(() => allReadsGo('replica'), 10_000, 'reads on the replica');
    const statuses = new Map<number, number>();
    let stop = false;
    const deadline = Date.now() + 90_000;
    const paths = ['/api/reports/summary', '/api/reports/laggards', '/api/reports/laggards.csv', '/api/events', '/api/audit'];
    const worker = async (w: number) => {
      for (let i = w; !stop && Date.now() < deadline; i++) {
        const res = await fetch(`${cluster.url}${paths[i % paths.length]}`, { headers: { cookie: api.cookie } }).catch(() => null);
        const status = res?.status ?? -1;
        await res?.arrayBuffer();
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    try {
      await new Promise((r) => setTimeout(r, 1500));
      await cluster.replica!.stop('fast');
      await until(() => allReadsGo('primary', 'replica_unreachable'), 10_000, 'reads on the primary');
      await new Promise((r) => setTimeout(r, 2000));
      await cluster.replica!.start();
      await until(() => allReadsGo('replica'), 20_000, 'reads back on the replica');
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      stop = true;
      await load;
    }
    const guarded = cluster.trackers.filter((t) => t.log.join('').includes('ZW_PG_CLOSED_WRITE')).length;
    console.log(`reports during the replica's stop and start: ${JSON.stringify(Object.fromEntries(statuses))}; trackers where postgres.js wrote to a closed socket (db/postgres-guard.ts): ${guarded}`);
    for (const t of cluster.trackers) expect(t.child!.exitCode, `tracker ${t.index + 1} still runs`).toBeNull();
    expect([...statuses.keys()]).toEqual([200]);
    expect(statuses.get(200)).toBeGreaterThan(20);
    // the reports' connections are open on the replica again
    const replica = sqlOn(cluster.replica!.url);
    try {
      const [{ n }] = await replica`select count(*)::int as n from pg_stat_activity where application_name = 'zwtracker-reports'`;
      expect(n).toBeGreaterThan(0);
    } finally {
      await replica.end();
    }
  });
});

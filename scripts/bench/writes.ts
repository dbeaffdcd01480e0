// `npm run bench:writes [-- --embedded] [--rate 300] [--pool N] [--no-import]`: the write path
// over HTTP against a real server process. Prints steps/s at concurrency 32 and its ratio to a
// bare route of the same server in the same run, p50/p99 of the write at saturation and at a
// fixed rate (--rate, steps/s, 300 unless given: issue 28 holds its p99 at ≤ 50 ms), the import of
// the 41,352 real townships (unless --no-import), peak RSS. --pool sets DATABASE_POOL_SIZE.
// On PostgreSQL it also samples pg_stat_activity every 5 ms during both write phases: what the
// server's connections are doing or waiting on (a commit's WAL flush, a row lock, NOTIFY's queue
// lock), and how often all of them are busy (then requests queue in the pool, in the process).
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { freshStore, httpAs, spawnServer } from '../../tests/helpers/server-process.js';

const embedded = process.argv.includes('--embedded');
// `--profile DIR`: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools)
const profileAt = process.argv.indexOf('--profile');
const profileDir = profileAt > 0 ? process.argv[profileAt + 1] : undefined;
const CONCURRENCY = 32;
const argAfter = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const RATE = Number(argAfter('--rate') ?? 300);
const POOL = argAfter('--pool');
const withImport = !process.argv.includes('--no-import');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
if (!embedded) process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
else delete process.env.TEST_DATABASE_URL;

/**
 * Runs `next(i)` requests from CONCURRENCY keep-alive connections for SECONDS; answers rate and
 * latencies. autocannon rather than fetch: fetch took half a core of this 2-core machine away
 * from the server it was measuring.
 */
async function load(url: string, next?: (i: number) => { method: 'POST'; path: string; headers: Record<string, string>; body: string }, overallRate?: number) {
  let n = 0;
  const result = await autocannon({
    url,
    connections: CONCURRENCY,
    // a fixed rate over all connections: the latency a step sees when the server is not saturated
    ...(overallRate ? { overallRate } : {}),
    duration: SECONDS,
    requests: next ? [{ setupRequest: (req) => ({ ...req, ...next(n++) }) }] : undefined,
  });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]));
  return { rate: result.requests.total / SECONDS, p50: result.latency.p50, p99: result.latency.p99, statuses };
}

function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
}

/**
 * While `phase` runs, what the server's pool connections (application_name zwtracker) are doing,
 * sampled every 5 ms: the share of connection-samples per state or wait event, and the share of
 * samples with every connection busy. Undefined on PGlite (one connection, nothing to sample).
 */
async function sampleWaits<T>(url: string | undefined, phase: Promise<T>): Promise<[T, string | undefined]> {
  if (!url) return [await phase, undefined];
  const pg = postgres(url, { max: 1, onnotice: () => {} });
  const counts = new Map<string, number>();
  let samples = 0;
  let allBusy = 0;
  let done = false;
  void phase.finally(() => (done = true));
  try {
    while (!done) {
      const rows = await pg<{ what: string }[]>`
        select case when state = 'active' then coalesce(wait_event_type || ':' || wait_event, 'running') else coalesce(state, 'none') end as what
        from pg_stat_activity where application_name = 'zwtracker' and datname = current_database() and pid <> pg_backend_pid()`;
      samples++;
      if (rows.length && rows.every((r) => r.what !== 'idle')) allBusy++;
      for (const r of rows) counts.set(r.what, (counts.get(r.what) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await pg.end();
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0) || 1;
  const shares = [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${((100 * n) / total).toFixed(0)} %`);
  return [await phase, `${shares.join(', ')}; all busy in ${((100 * allBusy) / Math.max(1, samples)).toFixed(0)} % of ${samples} samples`];
}

const store = await freshStore();
const server = await spawnServer(store, { LOG_LEVEL: 'info', ...(POOL ? { DATABASE_POOL_SIZE: POOL } : {}) }, {
  keepLog: false,
  nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
});
try {
  const api = await httpAs(server.url);
  const units: string[] = [];
  const lines = ['code,name,kind'];
  for (let i = 0; i < 2000; i++) lines.push(`B${String(i).padStart(5, '0')},单位${i},department`);
  await fetch(`${server.url}/api/units/import`, { method: 'POST', headers: { cookie: api.cookie, 'content-type': 'text/csv' }, body: lines.join('\n') });
  for (let page = 1; page <= 4; page++) units.push(...(await api.get(`/api/units?pageSize=500&page=${page}`)).body.items.map((u: { id: string }) => u.id));

  const bare = await load(`${server.url}/healthz`);
  // steps that are always allowed while wiring is not done, spread over 2,000 units
  const cycle = [
    JSON.stringify({ type: 'wiring.started' }),
    JSON.stringify({ type: 'wiring.scheduled', data: { plannedDate: '2026-12-20' } }),
    JSON.stringify({ type: 'wiring.postponed', data: { reason: '年底事务多', reasonCode: 'busy_period' } }),
  ];
  const headers = { cookie: api.cookie, 'content-type': 'application/json' };
  // one sequence of requests for both phases: the fixed rate goes on where saturation stopped
  let sent = 0;
  const step = () => {
    const i = sent++;
    return { method: 'POST' as const, path: `/api/units/${units[i % units.length]}/events`, headers, body: cycle[Math.floor(i / units.length) % cycle.length] };
  };
  const waits = (phase: Promise<Awaited<ReturnType<typeof load>>>) => sampleWaits(store.env.DATABASE_URL, phase);
  const [writes, writeWaits] = await waits(load(server.url, step));
  const [fixed, fixedWaits] = await waits(load(server.url, step, RATE));

  let importMs = 0;
  let imported: Response | undefined;
  let importBody: { created?: number; updated?: number; error?: { code: string } } = {};
  if (withImport) {
    const towns = readFileSync(new URL('../../reference/china-townships.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
    const csv = ['code,name,kind,parentCode', ...towns.map((l) => {
      const [code, name, area] = l.split(',');
      return `${code},${name},township,${area}`;
    })].join('\n');
    const t0 = performance.now();
    imported = await fetch(`${server.url}/api/units/import`, { method: 'POST', headers: { cookie: api.cookie, 'content-type': 'text/csv' }, body: csv });
    importMs = performance.now() - t0;
    importBody = await imported.json();
  }
  const rss = peakRss(server.child.pid!);
  const db = embedded ? 'PGlite (embedded)' : 'PostgreSQL';
  console.log(`\nwrite bench on ${db}, concurrency ${CONCURRENCY}, ${SECONDS} s per phase`);
  console.log(`  bare route GET /healthz      ${bare.rate.toFixed(0)} req/s  (p50 ${bare.p50.toFixed(1)} ms, p99 ${bare.p99.toFixed(1)} ms)`);
  console.log(`  POST step                    ${writes.rate.toFixed(0)} steps/s  (p50 ${writes.p50.toFixed(1)} ms, p99 ${writes.p99.toFixed(1)} ms)  statuses ${JSON.stringify(writes.statuses)}`);
  console.log(`  POST step at ${String(RATE).padEnd(4)} steps/s    ${fixed.rate.toFixed(0)} steps/s  (p50 ${fixed.p50.toFixed(1)} ms, p99 ${fixed.p99.toFixed(1)} ms)  statuses ${JSON.stringify(fixed.statuses)}`);
  console.log(`  writes / bare route          ${(writes.rate / bare.rate).toFixed(3)}  (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}${POOL ? `, DATABASE_POOL_SIZE ${POOL}` : ''})`);
  console.log(`  ${(embedded ? "targets (PostgreSQL's)" : 'targets').padEnd(29)}≥ 1500 steps/s: ${writes.rate >= 1500 ? 'met' : 'MISSED'}; p99 ≤ 50 ms at ${RATE}/s: ${fixed.p99 <= 50 ? 'met' : 'MISSED'}`);
  if (writeWaits) console.log(`  connections at saturation     ${writeWaits}`);
  if (fixedWaits) console.log(`  connections at ${String(RATE).padEnd(4)} steps/s    ${fixedWaits}`);
  if (imported) console.log(`  import 41,352 townships      ${(importMs / 1000).toFixed(2)} s  (${imported.status} ${JSON.stringify({ created: importBody.created, updated: importBody.updated, error: importBody.error?.code })})  target ≤ 10 s: ${importMs <= 10_000 ? 'met' : 'MISSED'}`);
  console.log(`  server peak RSS              ${rss.toFixed(0)} MB  target ≤ 400 MB: ${rss <= 400 ? 'met' : 'MISSED'}`);
} finally {
  await server.stop();
  await store.drop();
}

// `npm run bench:writes [-- --embedded]`: the write path over HTTP against a real server
// process. Prints steps/s at concurrency 32 and its ratio to a bare route of the same server
// in the same run, p50/p99 of the write, the import of the 41,352 real townships, peak RSS.
import { readFileSync } from 'node:fs';
import { freshStore, httpAs, spawnServer } from '../../tests/helpers/server-process.js';

const embedded = process.argv.includes('--embedded');
// `--profile DIR`: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools)
const profileAt = process.argv.indexOf('--profile');
const profileDir = profileAt > 0 ? process.argv[profileAt + 1] : undefined;
const CONCURRENCY = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
if (!embedded) process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
else delete process.env.TEST_DATABASE_URL;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Runs `call` from CONCURRENCY loops for SECONDS; answers rate and latencies. */
async function load(call: (i: number) => Promise<number>) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const status = await call(n++);
        latencies.push(performance.now() - t0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / SECONDS, p50: pct(latencies, 50), p99: pct(latencies, 99), statuses: Object.fromEntries(statuses) };
}

function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
}

const store = await freshStore();
const server = await spawnServer(store, { LOG_LEVEL: 'info' }, {
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

  const bare = await load(async () => (await fetch(`${server.url}/healthz`).then(async (r) => (await r.arrayBuffer(), r.status))));
  // steps that are always allowed while wiring is not done, spread over 2,000 units
  const cycle = [
    JSON.stringify({ type: 'wiring.started' }),
    JSON.stringify({ type: 'wiring.scheduled', data: { plannedDate: '2026-12-20' } }),
    JSON.stringify({ type: 'wiring.postponed', data: { reason: '年底事务多', reasonCode: 'busy_period' } }),
  ];
  const writes = await load(async (i) => {
    const res = await fetch(`${server.url}/api/units/${units[i % units.length]}/events`, {
      method: 'POST',
      headers: { cookie: api.cookie, 'content-type': 'application/json' },
      body: cycle[Math.floor(i / units.length) % cycle.length],
    });
    await res.arrayBuffer();
    return res.status;
  });

  const towns = readFileSync(new URL('../../../shared/data/china-townships.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
  const csv = ['code,name,kind,parentCode', ...towns.map((l) => {
    const [code, name, area] = l.split(',');
    return `${code},${name},township,${area}`;
  })].join('\n');
  const t0 = performance.now();
  const imported = await fetch(`${server.url}/api/units/import`, { method: 'POST', headers: { cookie: api.cookie, 'content-type': 'text/csv' }, body: csv });
  const importMs = performance.now() - t0;
  const importBody = await imported.json();

  const rss = peakRss(server.child.pid!);
  const db = embedded ? 'PGlite (embedded)' : 'PostgreSQL';
  console.log(`\nwrite bench on ${db}, concurrency ${CONCURRENCY}, ${SECONDS} s per phase`);
  console.log(`  bare route GET /healthz      ${bare.rate.toFixed(0)} req/s  (p50 ${bare.p50.toFixed(1)} ms, p99 ${bare.p99.toFixed(1)} ms)`);
  console.log(`  POST step                    ${writes.rate.toFixed(0)} steps/s  (p50 ${writes.p50.toFixed(1)} ms, p99 ${writes.p99.toFixed(1)} ms)  statuses ${JSON.stringify(writes.statuses)}`);
  console.log(`  writes / bare route          ${(writes.rate / bare.rate).toFixed(2)}`);
  console.log(`  targets                      ≥ 1500 steps/s: ${writes.rate >= 1500 ? 'met' : 'MISSED'}; p99 ≤ 50 ms: ${writes.p99 <= 50 ? 'met' : 'MISSED'}`);
  console.log(`  import 41,352 townships      ${(importMs / 1000).toFixed(2)} s  (${imported.status} ${JSON.stringify(importBody)})  target ≤ 10 s: ${importMs <= 10_000 ? 'met' : 'MISSED'}`);
  console.log(`  server peak RSS              ${rss.toFixed(0)} MB  target ≤ 400 MB: ${rss <= 400 ? 'met' : 'MISSED'}`);
} finally {
  await server.stop();
  await store.drop();
}

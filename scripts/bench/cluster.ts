// `npm run bench:cluster`: the write and report loads through nginx on the cluster of
// `npm run cluster`, with 1, 2 and 3 tracker processes behind it, and the reports with and
// without the streaming replica, in one run; each as a ratio to the single process, and where
// the machine's cores went during it (trackers, PostgreSQL primary and replica, nginx, the
// load generator, everything else on the machine).
//   BENCH_SECONDS=10 (per phase)  BENCH_UNITS=20000 (units the reports read)
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { startCluster, type Cluster } from '../cluster.js';
import { httpAs } from '../../tests/helpers/server-process.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const UNITS = Number(process.env.BENCH_UNITS ?? 20_000);
const WRITE_UNITS = 2000;
const WRITERS = 32;
const READERS = 16;
const TICKS = 100; // USER_HZ on Linux

/** CPU ticks (user + system) of a process, with its reaped children's */
function ticksOf(stat: string, children: boolean): number {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields after the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
  return Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0);
}

/** every process: pid → [ppid, ticks of itself, ticks with reaped children] */
function processes(): Map<number, [number, number, number]> {
  const all = new Map<number, [number, number, number]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      all.set(Number(name), [ppid, ticksOf(stat, false), ticksOf(stat, true)]);
    } catch {
      /* gone meanwhile */
    }
  }
  return all;
}

/** ticks of a process tree: the root with what it reaped, and its living descendants */
function treeTicks(all: Map<number, [number, number, number]>, root: number | undefined): number {
  if (!root || !all.has(root)) return 0;
  let sum = all.get(root)![2];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    for (const [pid, [ppid, own]] of all) {
      if (ppid !== p) continue;
      sum += own;
      stack.push(pid);
    }
  }
  return sum;
}

const machineTicks = () => {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = f.map(Number);
  return n[0] + n[1] + n[2] + n[5] + n[6] + n[7]; // user nice system irq softirq steal
};

type Groups = Record<'trackers' | 'primary' | 'replica' | 'nginx' | 'load' | 'machine', number>;
function cpu(cluster: Cluster): Groups {
  const all = processes();
  const load = process.cpuUsage();
  return {
    trackers: cluster.trackers.reduce((s, t) => s + treeTicks(all, t.child?.pid), 0),
    primary: treeTicks(all, cluster.primary.pid()),
    replica: treeTicks(all, cluster.replica?.pid()),
    nginx: treeTicks(all, cluster.nginx.pid()),
    load: ((load.user + load.system) / 1e6) * TICKS,
    machine: machineTicks(),
  };
}

function cores(before: Groups, after: Groups, seconds: number) {
  const c = (k: keyof Groups) => (after[k] - before[k]) / TICKS / seconds;
  const ours = c('trackers') + c('primary') + c('replica') + c('nginx') + c('load');
  return { trackers: c('trackers'), primary: c('primary'), replica: c('replica'), nginx: c('nginx'), load: c('load'), others: Math.max(0, c('machine') - ours) };
}

async function phase(cluster: Cluster, run: () => Promise<autocannon.Result>) {
  const before = cpu(cluster);
  const t0 = performance.now();
  const result = await run();
  const seconds = (performance.now() - t0) / 1000;
  const after = cpu(cluster);
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]));
  return { rate: result.requests.total / SECONDS, p50: result.latency.p50, p99: result.latency.p99, statuses, errors: result.errors, cores: cores(before, after, seconds) };
}
type Phase = Awaited<ReturnType<typeof phase>>;

const fmtCores = (c: Phase['cores']) =>
  `trackers ${c.trackers.toFixed(2)}, PostgreSQL ${c.primary.toFixed(2)} + replica ${c.replica.toFixed(2)}, nginx ${c.nginx.toFixed(2)}, load ${c.load.toFixed(2)}, others ${c.others.toFixed(2)}`;

async function main() {
  console.log(`starting the cluster (3 trackers, a replica, nginx) …`);
  const cluster = await startCluster({ trackers: 3, accessLog: false, env: { LOG_LEVEL: 'warn' } });
  try {
    const api = await httpAs(cluster.url, cluster.admin.username, cluster.admin.password);
    const lines = ['code,name,kind'];
    for (let i = 0; i < UNITS; i++) lines.push(`B${String(i).padStart(6, '0')},单位${i},${i % 40 === 0 ? 'township' : 'department'}`);
    const imported = await fetch(`${cluster.url}/api/units/import`, { method: 'POST', headers: { cookie: api.cookie, 'content-type': 'text/csv' }, body: lines.join('\n') });
    if (!imported.ok) throw new Error(`import: ${imported.status} ${await imported.text()}`);
    const units: string[] = [];
    for (let page = 1; units.length < WRITE_UNITS; page++) units.push(...(await api.get(`/api/units?pageSize=200&page=${page}`)).body.items.map((u: { id: string }) => u.id));

    const cycle = [
      JSON.stringify({ type: 'wiring.started' }),
      JSON.stringify({ type: 'wiring.scheduled', data: { plannedDate: '2026-12-20' } }),
      JSON.stringify({ type: 'wiring.postponed', data: { reason: '年底事务多', reasonCode: 'busy_period' } }),
    ];
    const headers = { cookie: api.cookie, 'content-type': 'application/json' };
    let n = 0;
    const writes = () =>
      autocannon({
        url: cluster.url,
        connections: WRITERS,
        duration: SECONDS,
        requests: [{ setupRequest: (req) => {
          const i = n++;
          return { ...req, method: 'POST', path: `/api/units/${units[i % units.length]}/events`, headers, body: cycle[Math.floor(i / units.length) % cycle.length] };
        } }],
      });
    const reports = () =>
      autocannon({
        url: cluster.url,
        connections: READERS,
        duration: SECONDS,
        headers: { cookie: api.cookie },
        requests: [{ method: 'GET', path: '/api/reports/laggards' }, { method: 'GET', path: '/api/reports/summary' }],
      });

    const results: { load: string; processes: number; replica: boolean; r: Phase }[] = [];
    const behind = async (count: number) => {
      await cluster.nginx.upstreams(cluster.trackers.slice(0, count));
      await new Promise((r) => setTimeout(r, 1000));
    };
    for (const count of [1, 2, 3]) {
      await behind(count);
      const r = await phase(cluster, writes);
      results.push({ load: 'writes', processes: count, replica: true, r });
      console.log(`writes,  ${count} process(es): ${r.rate.toFixed(0)} steps/s, p50 ${r.p50} ms, p99 ${r.p99} ms ${JSON.stringify(r.statuses)}; cores: ${fmtCores(r.cores)}`);
    }
    for (const replica of [true, false]) {
      if (!replica) {
        // the same trackers with every read on the primary
        for (const t of cluster.trackers) await t.stop();
        await Promise.all(cluster.trackers.map((t) => t.start({ DATABASE_READ_URL: '' })));
      }
      for (const count of [1, 2, 3]) {
        await behind(count);
        await reports(); // warm: the plans and the caches of each process
        const r = await phase(cluster, reports);
        results.push({ load: 'reports', processes: count, replica, r });
        console.log(`reports, ${count} process(es), ${replica ? 'on the replica' : 'on the primary'}: ${r.rate.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms ${JSON.stringify(r.statuses)}; cores: ${fmtCores(r.cores)}`);
      }
    }

    const base = (load: string, replica: boolean) => results.find((x) => x.load === load && x.processes === 1 && x.replica === replica)!.r.rate;
    const reportsBase = base('reports', true);
    console.log(`\ncluster bench, ${SECONDS} s a phase, ${UNITS} units (${WRITE_UNITS} written to), writes at ${WRITERS} connections, reports (laggards page 1 and summary, today) at ${READERS}, through nginx`);
    console.log('| load | processes | reads on | rate | ratio to 1 process | p50 / p99 ms | cores: trackers / PostgreSQL / replica / nginx / load generator / others |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const { load, processes: count, replica, r } of results) {
      const ratio = load === 'writes' ? r.rate / base('writes', true) : r.rate / reportsBase;
      const c = r.cores;
      console.log(
        `| ${load} | ${count} | ${load === 'writes' ? '—' : replica ? 'replica' : 'primary'} | ${r.rate.toFixed(0)}/s | ${ratio.toFixed(2)} | ${r.p50} / ${r.p99} | ${[c.trackers, c.primary, c.replica, c.nginx, c.load, c.others].map((x) => x.toFixed(2)).join(' / ')} |`,
      );
    }
    const bad = results.filter((x) => Object.keys(x.r.statuses).some((s) => !s.startsWith('2')) || x.r.errors > 0);
    if (bad.length) console.log(`\nnot every answer was a 2xx: ${bad.map((x) => `${x.load}/${x.processes}: ${JSON.stringify(x.r.statuses)} errors ${x.r.errors}`).join('; ')}`);
  } finally {
    await cluster.stop();
  }
}

await main();

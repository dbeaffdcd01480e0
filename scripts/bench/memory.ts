// `npm run bench:memory [-- --from DIR] [--how npm|node|tsx] [--calls 100]`: the embedded demo
// (陇南市, `npm run demo`) started the way a county office starts it, `npm start`, then 100 report
// and export calls; prints the time to /readyz and the RSS of the whole process tree (npm, any
// shell or loader, the server), which issue 28 holds at ≤ 300 MB.
//   --from DIR   a PGlite data folder holding the demo (copied, never touched); else one is seeded
//   --node-args  V8 and node flags for --how node, to try some
//   --how        npm: `npm start` (default); node: the Dockerfile's command; tsx: the server
//                through `npx tsx server/main.ts` (what `npm start` ran before the compiled server)
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PASSWORD } from '../demo/counties.js';
import { buildIfStale, buildServerIfStale, SERVER_ENTRY } from '../build-if-stale.mjs';
import { freePort, httpAs } from '../../tests/helpers/server-process.js';

const { values } = parseArgs({ options: { from: { type: 'string' }, how: { type: 'string', default: 'npm' }, calls: { type: 'string', default: '100' }, 'node-args': { type: 'string', default: '' } } });
const CALLS = Number(values.calls);
const LIMIT_MB = 300;

/** RSS in MB of `pid` and every process below it, each with its command line */
export function treeRss(pid: number): { pid: number; mb: number; cmd: string }[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))![1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      /* gone meanwhile */
    }
  }
  const out: { pid: number; mb: number; cmd: string }[] = [];
  const visit = (p: number) => {
    try {
      const rss = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024;
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 80);
      out.push({ pid: p, mb: rss, cmd });
    } catch {
      return;
    }
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return out;
}

const largest = <T extends { mb: number }>(tree: T[]) => tree.reduce((a, b) => (b.mb > a.mb ? b : a));

const dir = mkdtempSync(join(tmpdir(), 'zw-mem-'));
if (values.from) cpSync(values.from, dir, { recursive: true });
else {
  console.log('seeding the demo into a new data folder (npm run demo) …');
  execFileSync('npx', ['tsx', 'scripts/demo.ts'], { env: { ...process.env, DATABASE_URL: '', DATA_DIR: dir }, stdio: 'ignore' });
}
// built beforehand, so that the time to /readyz is a start's, not a build's
buildIfStale();
buildServerIfStale();

const port = await freePort();
const command: Record<string, [string, string[]]> = {
  npm: ['npm', ['start', '--silent']],
  node: [process.execPath, [...values['node-args']!.split(' ').filter(Boolean), '--enable-source-maps', SERVER_ENTRY]],
  tsx: ['npx', ['tsx', 'server/main.ts']],
};
const [cmd, args] = command[values.how!] ?? command.npm;
const t0 = performance.now();
const child = spawn(cmd, args, {
  env: { ...process.env, DATABASE_URL: '', TEST_DATABASE_URL: '', DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
for (;;) {
  if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
  try {
    if ((await fetch(`${url}/readyz`)).ok) break;
  } catch {
    /* not listening yet */
  }
  await new Promise((r) => setTimeout(r, 50));
}
const readyMs = performance.now() - t0;
const atStart = treeRss(child.pid!);
// CPU seconds the tree spent to get there: what the start costs, whatever else the cores are doing
// (on an idle machine the wall time to /readyz is close to it: the start is one thread's work)
const cpuSeconds = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks of 1/100 s
};
const startCpu = atStart.reduce((s, p) => s + (() => { try { return cpuSeconds(p.pid); } catch { return 0; } })(), 0);

try {
  const api = await httpAs(url, 'zfb01', PASSWORD);
  // what a county office does all day: the reports and their exports, the unit lists and theirs
  const paths = [
    '/api/reports/summary',
    '/api/reports/laggards',
    '/api/reports/trend',
    '/api/reports/reasons',
    '/api/reports/areas',
    '/api/reports/laggards.csv',
    '/api/reports/laggards.xlsx',
    '/api/reports/areas.xlsx',
    '/api/units.csv',
    '/api/units.xlsx',
  ];
  const t1 = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const res = await fetch(`${url}${paths[i % paths.length]}`, { headers: { cookie: api.cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${paths[i % paths.length]}: ${res.status}`);
  }
  const callsMs = performance.now() - t1;
  const after = treeRss(child.pid!);
  const sum = (t: { mb: number }[]) => t.reduce((s, p) => s + p.mb, 0);
  const server = largest(after);
  const hwm = Number(/^VmHWM:\s+(\d+)/m.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`\nmemory bench, embedded demo, started by ${values.how} (load average ${load})`);
  console.log(`  start to /readyz             ${(readyMs / 1000).toFixed(2)} s, ${startCpu.toFixed(2)} s of CPU  target ≤ 3 s: ${readyMs <= 3000 ? 'met' : startCpu <= 3 ? 'met in CPU time (the machine is busy)' : 'MISSED'}`);
  console.log(`  tree at start                ${sum(atStart).toFixed(0)} MB`);
  console.log(`  ${CALLS} report and export calls  ${(callsMs / 1000).toFixed(1)} s`);
  for (const p of after) console.log(`    ${p.mb.toFixed(0).padStart(4)} MB  ${p.cmd}`);
  console.log(`  tree after the calls         ${sum(after).toFixed(0)} MB (server peak ${hwm.toFixed(0)} MB)  target ≤ ${LIMIT_MB} MB: ${sum(after) <= LIMIT_MB ? 'met' : 'MISSED'}`);
  process.exitCode = sum(after) <= LIMIT_MB ? 0 : 1;
} finally {
  // a signal to the server (the tree's largest process) ends npm's wait too
  process.kill(largest(treeRss(child.pid!)).pid, 'SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}

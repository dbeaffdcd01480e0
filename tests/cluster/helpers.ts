// What the cluster tests share: a cluster started as `npm run cluster` starts it, a logged-in
// client through nginx, units to write on, and nginx's access log read back.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { startCluster, type Cluster, type ClusterOptions } from '../../scripts/cluster.js';
import { httpAs } from '../helpers/server-process.js';

export const ADMIN = { username: 'admin', password: 'cluster-admin-123' };

export function startTestCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  return startCluster({ admin: ADMIN, ...opts, env: { PASSWORD_COST: '10', LOG_LEVEL: 'warn', ...opts.env } });
}

export const login = (base: string) => httpAs(base, ADMIN.username, ADMIN.password);
export type Api = Awaited<ReturnType<typeof login>>;

/** `n` new units, by CSV import; answers their ids */
export async function newUnits(api: Api, base: string, n: number): Promise<string[]> {
  const prefix = `C${randomBytes(3).toString('hex')}`;
  const lines = ['code,name,kind'];
  for (let i = 0; i < n; i++) lines.push(`${prefix}${String(i).padStart(4, '0')},集群单位${prefix}-${i},department`);
  const res = await fetch(`${base}/api/units/import`, { method: 'POST', headers: { cookie: api.cookie, 'content-type': 'text/csv' }, body: lines.join('\n') });
  if (!res.ok) throw new Error(`import: ${res.status} ${await res.text()}`);
  const ids: string[] = [];
  for (let page = 1; ids.length < n; page++) {
    const { body } = await api.get(`/api/units?q=${prefix}&pageSize=200&page=${page}`);
    if (!body.items.length) break;
    ids.push(...body.items.map((u: { id: string }) => u.id));
  }
  return ids;
}

export async function readyz(url: string) {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: await res.json() };
}

/** polls `check` until it answers true, every 100 ms, for at most `ms` */
export async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (await check()) return Date.now() - t0;
    if (Date.now() - t0 > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface AccessLine {
  at: number;
  status: number;
  method: string;
  uri: string;
  /** the processes nginx tried, in order (port numbers) */
  upstreams: number[];
}

/** nginx's access log, as the cluster's log_format writes it */
export function accessLog(cluster: Cluster): AccessLine[] {
  return readFileSync(cluster.nginx.accessLog, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [at, status, method, uri, ...rest] = line.split(' ');
      const upstreams = [...rest.join(' ').matchAll(/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
      return { at: Number(at) * 1000, status: Number(status), method, uri, upstreams };
    });
}

/** a SQL client on the cluster's primary or replica */
export const sqlOn = (url: string) => postgres(url, { max: 1, onnotice: () => {} });

/** stops the cluster; first prints the log of any tracker that stopped on its own */
export async function stopCluster(cluster: Cluster | undefined): Promise<void> {
  if (!cluster) return;
  for (const t of cluster.trackers) {
    const c = t.child;
    if (c && (c.exitCode !== null || c.signalCode !== null) && c.signalCode !== 'SIGKILL') {
      console.error(`tracker ${t.index + 1} (port ${t.port}) exited ${c.exitCode ?? c.signalCode}:\n${t.log.join('').slice(-6000)}`);
    }
  }
  await cluster.stop();
}

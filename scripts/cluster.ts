// `npm run cluster`: the layout of docs/scaling.md on this one machine, from its own parts: a
// PostgreSQL primary and a streaming replica (the machine's PostgreSQL 15 binaries), two or
// three tracker processes, and nginx in front with deploy/nginx.conf. Everything lives in one
// temporary folder on free ports of 127.0.0.1; Ctrl-C (or SIGTERM) stops it all and removes
// the folder. The cluster tests and `npm run bench:cluster` start the same thing.
//   npm run cluster                      3 trackers, a replica
//   npm run cluster -- --trackers 2 --no-replica
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { freePort } from '../tests/helpers/server-process.js';
import { buildIfStale, buildServerIfStale, SERVER_ENTRY } from './build-if-stale.mjs';
import { NGINX, nginxConfig } from './cluster/nginx.js';
import { DATABASE, PG_BIN, ownFolder, pgServer, run, settings, type PgServer } from './cluster/postgres.js';

export { NGINX_SITE, nginxConfig } from './cluster/nginx.js';
export type { PgServer } from './cluster/postgres.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface ClusterOptions {
  trackers?: number;
  replica?: boolean;
  /** READ_MAX_LAG_SECONDS of the trackers */
  maxLagSeconds?: number;
  /** more environment for every tracker */
  env?: Record<string, string>;
  admin?: { username: string; password: string };
  /** nginx's access log (a line per request: time, status, method, path, upstream); off for benchmarks */
  accessLog?: boolean;
  /** what the parts print; by default into files in the folder only */
  onLog?: (line: string) => void;
  /** called at once with the function that stops whatever has started so far (for a Ctrl-C while starting) */
  onStarting?: (stop: () => Promise<void>) => void;
}

export interface Tracker {
  index: number;
  port: number;
  url: string;
  child?: ChildProcess;
  log: string[];
  /** starts the process (again), with `env` over the cluster's environment */
  start(env?: Record<string, string>): Promise<void>;
  /** SIGTERM, and wait for the exit */
  stop(): Promise<void>;
  /** SIGKILL, and wait for the exit */
  kill(): Promise<void>;
}

export interface Cluster {
  dir: string;
  url: string;
  admin: { username: string; password: string };
  primary: PgServer;
  replica?: PgServer;
  trackers: Tracker[];
  nginx: { pid(): number | undefined; accessLog: string; errorLog: string; upstreams(trackers: Tracker[]): Promise<void> };
  stop(): Promise<void>;
}

async function waitReady(url: string, child: () => ChildProcess | undefined, log: string[], ms = 120_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const c = child();
    if (!c || c.exitCode !== null || c.signalCode !== null) throw new Error(`${url} exited while starting:\n${log.join('')}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready after ${ms / 1000} s:\n${log.join('')}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const exitOf = (child?: ChildProcess) =>
  !child || child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((ok) => child.once('exit', () => ok()));

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  buildServerIfStale(); // the trackers run the compiled server, as the Dockerfile does
  const dir = mkdtempSync(join(tmpdir(), 'zw-cluster-'));
  chmodSync(dir, 0o711); // the postgres user reaches its folders inside
  const logs = join(dir, 'logs');
  mkdirSync(logs);
  const clusterLog = createWriteStream(join(logs, 'cluster.log'));
  const log = (line: string) => {
    clusterLog.write(`${line}\n`);
    opts.onLog?.(line);
  };
  const admin = opts.admin ?? { username: 'admin', password: randomBytes(12).toString('base64url') };
  const stops: (() => Promise<unknown>)[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const s of stops.reverse()) await s().catch((err) => log(`while stopping: ${(err as Error).message}`));
    await new Promise((r) => clusterLog.end(r));
    rmSync(dir, { recursive: true, force: true });
  };
  opts.onStarting?.(stop);
  try {
    // PostgreSQL: a primary, and a replica streaming from it
    const sockets = join(dir, 'sockets');
    ownFolder(sockets);
    const primaryDir = join(dir, 'primary');
    ownFolder(primaryDir);
    await run(join(PG_BIN, 'initdb'), ['-D', primaryDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], log);
    const primary = pgServer(primaryDir, await freePort(), log);
    // initdb's pg_hba.conf lets 127.0.0.1 replicate with -A trust; wal_level=replica is the default
    writeFileSync(join(primaryDir, 'postgresql.conf'), settings(primary.port, sockets), { flag: 'a' });
    await primary.start();
    stops.push(() => primary.stop('fast'));
    const adminSql = postgres(`postgres://postgres@127.0.0.1:${primary.port}/postgres`, { max: 1, onnotice: () => {} });
    await adminSql.unsafe(`create database ${DATABASE}`);
    await adminSql.end();

    let replica: PgServer | undefined;
    if (opts.replica ?? true) {
      const replicaDir = join(dir, 'replica');
      ownFolder(replicaDir);
      await run(join(PG_BIN, 'pg_basebackup'), ['-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast', '-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres'], log);
      const r = pgServer(replicaDir, await freePort(), log);
      // feedback: the primary keeps the rows a long report on the replica still reads, so
      // replaying a vacuum does not cancel it
      writeFileSync(join(replicaDir, 'postgresql.conf'), settings(r.port, sockets, ['hot_standby = on', 'hot_standby_feedback = on']), { flag: 'a' });
      await r.start();
      stops.push(async () => {
        if (r.pid()) await r.stop('fast');
      });
      replica = r;
    }

    // the trackers, started together: migrations take an advisory lock
    const count = opts.trackers ?? 3;
    const trackers: Tracker[] = [];
    for (let index = 0; index < count; index++) {
      const port = await freePort();
      const out = createWriteStream(join(logs, `tracker-${index + 1}.log`), { flags: 'a' });
      stops.push(async () => void out.end());
      const t: Tracker = {
        index,
        port,
        url: `http://127.0.0.1:${port}`,
        log: [],
        async start(env = {}) {
          const child = spawn(process.execPath, ['--enable-source-maps', SERVER_ENTRY], {
            cwd: root,
            env: {
              ...process.env,
              TEST_DATABASE_URL: '',
              DATA_DIR: '',
              PORT: String(port),
              HOST: '127.0.0.1',
              DATABASE_URL: primary.url,
              DATABASE_READ_URL: replica?.url ?? '',
              READ_MAX_LAG_SECONDS: String(opts.maxLagSeconds ?? 30),
              TRUST_PROXY: '1',
              BOOTSTRAP_ADMIN_USERNAME: admin.username,
              BOOTSTRAP_ADMIN_PASSWORD: admin.password,
              LOG_LEVEL: 'warn',
              ...opts.env,
              ...env,
            },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          t.child = child;
          const keep = (d: Buffer) => {
            t.log.push(String(d));
            if (t.log.length > 2000) t.log.splice(0, 1000);
            out.write(d);
          };
          child.stdout!.on('data', keep);
          child.stderr!.on('data', keep);
          await waitReady(t.url, () => t.child, t.log);
        },
        async stop() {
          const c = t.child;
          if (c && c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
          await exitOf(c);
        },
        async kill() {
          const c = t.child;
          if (c && c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
          await exitOf(c);
        },
      };
      trackers.push(t);
      stops.push(() => t.stop());
    }
    await Promise.all(trackers.map((t) => t.start()));

    // nginx in front
    const prefix = join(dir, 'nginx');
    mkdirSync(join(prefix, 'tmp'), { recursive: true });
    const port = await freePort();
    const accessLog = opts.accessLog ?? true;
    const confPath = join(prefix, 'nginx.conf');
    const writeConf = (ts: Tracker[]) => writeFileSync(confPath, nginxConfig({ prefix, port, upstreams: ts.map((t) => t.port), accessLog }));
    writeConf(trackers);
    execFileSync(NGINX, ['-t', '-q', '-c', confPath, '-p', `${prefix}/`], { stdio: 'pipe' });
    const nginx = spawn(NGINX, ['-c', confPath, '-p', `${prefix}/`], { stdio: ['ignore', 'pipe', 'pipe'] });
    nginx.stderr.on('data', (d) => log(`nginx: ${d}`));
    stops.push(async () => {
      if (nginx.exitCode === null && nginx.signalCode === null) nginx.kill('SIGQUIT');
      await exitOf(nginx);
    });
    const url = `http://127.0.0.1:${port}`;
    await waitReady(url, () => nginx, [`nginx: see ${join(prefix, 'error.log')}`], 20_000);

    return {
      dir,
      url,
      admin,
      primary,
      replica,
      trackers,
      nginx: {
        pid: () => nginx.pid,
        accessLog: join(prefix, 'access.log'),
        errorLog: join(prefix, 'error.log'),
        // a new set of upstreams: a reload, which lets requests in flight finish
        async upstreams(ts) {
          writeConf(ts);
          nginx.kill('SIGHUP');
          // new workers take over within moments; the old ones finish their requests
          await new Promise((r) => setTimeout(r, 500));
        },
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

// run as a command
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { trackers: { type: 'string', default: '3' }, 'no-replica': { type: 'boolean', default: false } } });
  const trackers = Number(values.trackers);
  if (!Number.isInteger(trackers) || trackers < 1 || trackers > 8) {
    console.error('--trackers takes 1 to 8');
    process.exit(2);
  }
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    console.error(`PostgreSQL's programs are not in ${PG_BIN} (apt-get install postgresql-15, or set PG_BIN)`);
    process.exit(1);
  }
  // a Ctrl-C while starting stops what has started so far
  let stopCluster: (() => Promise<void>) | undefined;
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: stopping nginx, the trackers and PostgreSQL, and removing the folder …`);
    await stopCluster?.();
    console.log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));
  buildIfStale(); // the dashboard nginx serves (gzipped)
  console.log('starting a PostgreSQL primary, a replica, the trackers and nginx …');
  const admin = process.env.BOOTSTRAP_ADMIN_PASSWORD ? { username: process.env.BOOTSTRAP_ADMIN_USERNAME ?? 'admin', password: process.env.BOOTSTRAP_ADMIN_PASSWORD } : undefined;
  const cluster = await startCluster({ trackers, replica: !values['no-replica'], admin, onStarting: (stop) => (stopCluster = stop) });
  console.log(`
  the tracker, through nginx:  ${cluster.url}
    log in as ${cluster.admin.username} / ${cluster.admin.password}
  tracker processes:           ${cluster.trackers.map((t) => t.url).join('  ')}
  PostgreSQL primary:          ${cluster.primary.url}
  streaming replica:           ${cluster.replica?.url ?? '(none)'}
  files and logs:              ${cluster.dir}
  Ctrl-C stops all of it and removes the folder.`);
}

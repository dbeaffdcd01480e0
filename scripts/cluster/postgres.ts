// The cluster's PostgreSQL servers: a primary and a streaming replica run from the machine's own
// binaries (PG_BIN), each in a folder of the cluster's, started and stopped with pg_ctl.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const DATABASE = 'zwtracker';

export interface PgServer {
  dir: string;
  port: number;
  url: string;
  start(): Promise<void>;
  /** pg_ctl stop: 'fast' ends sessions and shuts down cleanly, 'immediate' is a crash */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** the postmaster's process id, while it runs */
  pid(): number | undefined;
}

const isRoot = process.getuid?.() === 0;
/** initdb and the server refuse to run as root: run them as `postgres`, on folders it owns */
const asPostgres = (cmd: string, args: string[]) => (isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]) as [string, string[]];
const pgOwner = isRoot ? { uid: Number(execFileSync('id', ['-u', 'postgres'])), gid: Number(execFileSync('id', ['-g', 'postgres'])) } : undefined;

export function run(cmd: string, args: string[], log: (l: string) => void): Promise<void> {
  return new Promise((ok, fail) => {
    const [c, a] = asPostgres(cmd, args);
    const child = spawn(c, a, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('exit', (code) => {
      log(`${cmd} ${args.join(' ')}\n${out}`);
      if (code === 0) ok();
      else fail(new Error(`${cmd} exited ${code}: ${out}`));
    });
  });
}

export function ownFolder(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (pgOwner) chownSync(dir, pgOwner.uid, pgOwner.gid);
}

export function pgServer(dir: string, port: number, log: (l: string) => void): PgServer {
  const ctl = (args: string[]) => run(join(PG_BIN, 'pg_ctl'), ['-D', dir, ...args], log);
  return {
    dir,
    port,
    url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`,
    start: () => ctl(['-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']),
    stop: (mode = 'fast') => ctl(['-m', mode, '-w', '-t', '60', 'stop']),
    pid() {
      try {
        return Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
      } catch {
        return undefined;
      }
    },
  };
}

export function settings(port: number, sockets: string, extra: string[] = []) {
  return ['', '# npm run cluster', `port = ${port}`, "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${sockets}'`, ...extra, ''].join('\n');
}

// One process per embedded data folder. PGlite takes no lock of its own: two trackers (or the
// tracker and `npm run demo`) on one DATA_DIR both started and silently corrupted it (an index
// and its table disagreed; a unit code was accepted twice).
//
// The lock is the kernel's: flock(2) on DATA_DIR/zwtracker.lock, held by a small `flock` process
// (util-linux; Node has no flock of its own) whose standard input is a pipe from this process.
// When this process ends in any way, SIGKILL and a crash included, the pipe closes, the holder
// exits and the kernel drops the lock: nothing is left behind to go stale, so there is no
// timeout to tune (a blocked event loop cannot lose the lock either, as it could with a lock
// file refreshed by a timer). The holder runs in a process group of its own, so that a Ctrl-C
// in a terminal does not end it before the database is closed. Where `flock` is missing (not
// Debian: macOS, Alpine without util-linux), the folder is not locked and a warning says so.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'zwtracker.lock';
/** flock's exit code when another process holds the lock (EX_TEMPFAIL) */
const HELD = 75;

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(
    readonly dataDir: string,
    readonly holder: string,
  ) {
    super(
      `数据目录 ${dataDir} 正被另一个追踪器进程使用（${holder}）：同一个数据目录只能由一个进程打开。请先停止那个进程，或为这个进程另设 DATA_DIR。\n` +
        `DATA_DIR ${dataDir} is in use by another tracker process (${holder}): one data folder takes one process. Stop that one first, or give this one another DATA_DIR.`,
    );
  }
}

export interface DataDirLock {
  /** false where `flock` is missing: the folder is not locked */
  held: boolean;
  release(): Promise<void>;
}

export interface LockOptions {
  /** told when the lock could not be taken for want of `flock`, or was lost while running */
  warn?: (message: string) => void;
}

/** Takes the folder's lock at once, or throws DataDirLockedError naming the process that holds it. */
export async function lockDataDir(dataDir: string, opts: LockOptions = {}): Promise<DataDirLock> {
  const warn = opts.warn ?? ((m: string) => console.warn(m));
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  // `flock` opens (and creates) the file, locks it, then runs the command with the lock held:
  // the command says so, then waits for the end of its input
  const holder = spawn('flock', ['--exclusive', '--nonblock', '--conflict-exit-code', String(HELD), path, 'sh', '-c', 'echo locked; exec cat >/dev/null'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const outcome = await new Promise<'locked' | 'held' | 'missing' | string>((resolve) => {
    let out = '';
    let err = '';
    holder.stdout.on('data', (d) => {
      out += String(d);
      if (out.includes('locked')) resolve('locked');
    });
    holder.stderr.on('data', (d) => (err += String(d)));
    holder.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ENOENT' ? 'missing' : `could not run flock: ${e.message}`));
    holder.once('exit', (code) => resolve(code === HELD ? 'held' : `flock ended with ${code}: ${err.trim()}`));
  });

  if (outcome === 'missing') {
    warn(`DATA_DIR ${dataDir} is not locked: the \`flock\` program (util-linux) was not found. Never start two trackers on this folder.`);
    return { held: false, release: async () => {} };
  }
  if (outcome === 'held') throw new DataDirLockedError(dataDir, describeHolder(path));
  if (outcome !== 'locked') {
    holder.kill('SIGKILL');
    throw new Error(`could not lock DATA_DIR ${dataDir}: ${outcome}`);
  }

  // who holds it, for the message a second process shows (the lock itself is the kernel's)
  writeFileSync(path, `${JSON.stringify({ pid: process.pid, since: new Date().toISOString(), argv: process.argv.slice(1).join(' ') })}\n`);
  let releasing = false;
  const exited = new Promise<void>((resolve) => holder.once('exit', () => resolve()));
  void exited.then(() => {
    if (!releasing) warn(`the lock on DATA_DIR ${dataDir} was lost (its holder process ended): stop this tracker before another one starts on the folder`);
  });
  // the pipes must not keep this process alive: the lock lives exactly as long as it does
  holder.unref();
  holder.stdout.removeAllListeners('data');
  for (const s of [holder.stdin, holder.stdout, holder.stderr]) (s as unknown as { unref?: () => void }).unref?.();
  return {
    held: true,
    async release() {
      if (releasing) return exited;
      releasing = true;
      // the end of its input ends the holder; its process group is ended too, so that a release
      // never waits on a pipe (a stop has 10 s in all), and the kernel drops the lock with it
      holder.stdin.end();
      try {
        process.kill(-holder.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
    },
  };
}

function describeHolder(path: string): string {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as { pid?: number; since?: string };
    return `pid ${info.pid}, since ${info.since}`;
  } catch {
    return 'process unknown';
  }
}

// One process per embedded data folder (db/data-dir-lock.ts): a second tracker on the same
// DATA_DIR refuses to start, with a message and a non-zero exit, and leaves the first one's data
// alone; a holder killed with SIGKILL leaves nothing that blocks the next start. Real processes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../db/data-dir-lock.js';
import { ADMIN, freePort, freshStore, httpAs, SERVER_ARGS, spawnServer, type ServerProcess, type Store } from '../helpers/server-process.js';

// the lock is the embedded database's: on PostgreSQL the server is the one process with the data
const embedded = !process.env.TEST_DATABASE_URL;
const servers: ServerProcess[] = [];
let store: Store | undefined;
const dirs: string[] = [];
afterAll(async () => {
  for (const s of servers) await s.kill();
  await store?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Starts the compiled server on `dataDir` and waits for it to end by itself (or 60 s). */
async function startExpectingExit(dataDir: string): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, SERVER_ARGS, {
    env: { ...process.env, TEST_DATABASE_URL: '', DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'warn', PASSWORD_COST: '10' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output, ms: Date.now() - started };
}

describe.runIf(embedded)('one process per data folder', () => {
  it('a second tracker on the same DATA_DIR refuses with a clear message and a non-zero exit; the first keeps its data', { timeout: 300_000 }, async () => {
    store = await freshStore();
    const first = await spawnServer(store);
    servers.push(first);
    const api = await httpAs(first.url);
    expect((await api.post('/api/units', { code: 'LOCK-1', name: '城关镇', kind: 'township' })).status).toBe(201);

    const second = await startExpectingExit(store.env.DATA_DIR);
    expect(second.code, second.output).not.toBe(0);
    expect(second.code, second.output).not.toBeNull(); // it ended by itself, not by the timeout
    expect(second.output).toContain(`DATA_DIR ${store.env.DATA_DIR} is in use by another tracker process (pid ${first.child.pid}`);
    expect(second.output).toContain('数据目录');
    // the message, not a stack trace
    expect(second.output).not.toMatch(/\n\s+at /);

    // the first still serves, and what it wrote is there
    const units = await api.get('/api/units?q=LOCK-');
    expect(units.status).toBe(200);
    expect(units.body.items.map((u: { code: string }) => u.code)).toEqual(['LOCK-1']);
    expect((await api.post('/api/units', { code: 'LOCK-2', name: '财政局', kind: 'department' })).status).toBe(201);
  });

  it('a holder killed with SIGKILL does not block the next start, which finds the data', { timeout: 300_000 }, async () => {
    const first = servers[0];
    await first.kill();
    const next = await spawnServer(store!);
    servers.push(next);
    const api = await httpAs(next.url, ADMIN.username, ADMIN.password);
    const units = await api.get('/api/units?q=LOCK-');
    expect(units.body.items.map((u: { code: string }) => u.code)).toEqual(['LOCK-1', 'LOCK-2']);
    // and it holds the lock in turn
    const third = await startExpectingExit(store!.env.DATA_DIR);
    expect(third.code, third.output).not.toBe(0);
    expect(third.output).toContain(`pid ${next.child.pid}`);
  });

  it('a clean stop releases the lock at once', { timeout: 300_000 }, async () => {
    const running = servers[1];
    expect(await running.stop()).toBe(0);
    const lock = await lockDataDir(store!.env.DATA_DIR);
    expect(lock.held).toBe(true);
    await lock.release();
  });

  it('in one process too: a second lock on a folder is refused until the first is released', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zw-lock-'));
    dirs.push(dir);
    const a = await lockDataDir(dir);
    expect(a.held).toBe(true);
    const refused = await lockDataDir(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as Error).message).toContain(`pid ${process.pid}`);
    await a.release();
    const b = await lockDataDir(dir);
    await b.release();
  });
});

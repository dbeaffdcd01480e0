// SIGTERM while requests are in flight: they finish and are answered, the database closes,
// the process exits 0, and what they wrote is there at the next start.
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { freshStore, httpAs, spawnServer, type ServerProcess, type Store } from '../helpers/server-process.js';

let store: Store | undefined;
let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.kill();
  await store?.drop();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const logLines = (s: ServerProcess) => s.log.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { msg: string; url?: string });

describe('a graceful stop', () => {
  it('answers an import in flight, ends live streams, closes the database and exits 0', { timeout: 300_000 }, async () => {
    // enough rows to be a real import, few enough to finish well inside the server's 10 s stop
    // guard on a loaded machine (20,000 took 8.5-9.5 s on PGlite and failed under load)
    const ROWS = 5_000;
    store = await freshStore();
    server = await spawnServer(store, { LOG_LEVEL: 'info' });
    const api = await httpAs(server.url);

    // a dashboard listening for live updates: its stream ends, it does not hold the stop up
    const live = await fetch(`${server.url}/api/live`, { headers: { cookie: api.cookie } });
    expect(live.status).toBe(200);
    const stream = live.body!.getReader();
    const ended = (async () => {
      while (!(await stream.read()).done);
    })();

    // an import whose second half is sent only after the signal: surely in flight when it comes
    const csv = ['code,name,kind', ...Array.from({ length: ROWS }, (_, i) => `G${String(i).padStart(6, '0')},单位${i},department`)].join('\n');
    const bytes = new TextEncoder().encode(csv);
    let sendRest!: () => void;
    const rest = new Promise<void>((r) => (sendRest = r));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(bytes.subarray(0, bytes.length / 2));
        await rest;
        controller.enqueue(bytes.subarray(bytes.length / 2));
        controller.close();
      },
    });
    const importing = fetch(`${server.url}/api/units/import`, {
      method: 'POST',
      headers: { cookie: api.cookie, 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);
    await pause(300);
    const exited = server.stop();
    await pause(300);
    expect(server.child.exitCode).toBeNull(); // waiting for the import
    sendRest();

    const imported = await importing;
    expect(imported.status).toBe(200);
    expect(imported.headers.get('connection')).toBe('close'); // so the stop need not wait out keep-alive
    expect((await imported.json()).created).toBe(ROWS);
    expect(await exited).toBe(0);
    await ended;
    const lines = logLines(server);
    expect(lines.some((l) => l.msg === 'closing')).toBe(true);
    expect(lines.at(-1)?.msg).toBe('closed');
    // nothing new is taken once closed
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    server = await spawnServer(store);
    expect((await (await httpAs(server.url)).get('/api/units?pageSize=1')).body.total).toBe(ROWS);
  });

  it.runIf(process.env.TEST_DATABASE_URL)('waits for writes held up in the database, then answers them', { timeout: 120_000 }, async () => {
    store = await freshStore();
    server = await spawnServer(store, { LOG_LEVEL: 'info' });
    const api = await httpAs(server.url);
    const units = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => (await api.post('/api/units', { code: `TERM-${i}`, name: `单位${i}`, kind: 'department' })).body.unit.id as string),
    );

    // another session holds the units' rows, so the writes wait inside the server
    const sql = postgres(store.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holding = sql.begin(async (tx) => {
      await tx`select id from units where id in ${tx(units)} for update`;
      locked();
      await released;
    });
    await isLocked;
    const writes = units.map((id) => api.post(`/api/units/${id}/events`, { type: 'wiring.started' }));
    await pause(300);
    const exited = server.stop();
    await pause(500);
    expect(server.child.exitCode).toBeNull(); // still waiting for them
    release();
    await holding;
    await sql.end();

    expect((await Promise.all(writes)).map((w) => w.status)).toEqual(units.map(() => 201));
    expect(await exited).toBe(0);
    expect(logLines(server).at(-1)?.msg).toBe('closed');

    server = await spawnServer(store);
    const after = await httpAs(server.url);
    for (const id of units) expect((await after.get(`/api/units/${id}`)).body.unit.progress.wiring.status).toBe('in_progress');
  });
});

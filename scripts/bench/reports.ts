// Loads 100,000 units and 1,000,000 steps into a fresh database and times the reports through
// the real app (app.inject: routing, validation, SQL, serialisation).
//   npm run bench:reports                      PostgreSQL at postgres://postgres@127.0.0.1:5432/ (a new database, dropped afterwards)
//   npm run bench:reports -- --embedded        PGlite in memory
//   npm run bench:reports -- --units 20000 --steps 200000
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Database } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { hashPassword } from '../../server/lib/password.js';
import { writeSettings } from '../../db/queries/settings.js';
import { addDays, today } from '../../shared/domain/dates.js';
import type { Progress } from '../../shared/domain/progress.js';
import { benchTarget } from './database.js';
import { factColumns, generator, history as generateHistory, percentile, type StepRow as StepsRow } from './histories.js';

const { values: args } = parseArgs({
  options: {
    embedded: { type: 'boolean', default: false },
    server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    units: { type: 'string', default: '100000' },
    steps: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
    /** time an already loaded database (one kept with --keep) instead of loading a new one */
    reuse: { type: 'string' },
  },
});
const UNITS = Number(args.units);
const STEPS = Number(args.steps);
const RUNS = Number(args.runs);
const TZ = 'Asia/Shanghai';

// seeded, so two runs load the same data
const g = generator(20261128);
const { int } = g;

type StepRow = StepsRow & { unit_id: string; actor_name: string; actor_role: string };

/** A valid history of exactly `length` rows for the unit (histories.ts), as the steps table holds it. */
function history(unitId: string, length: number, now: number): { rows: StepRow[]; progress: Progress; last: number } {
  const made = generateHistory(g, length, now);
  const rows = made.rows.map((r) => ({ ...r, unit_id: unitId, actor_name: '基准', actor_role: 'office' }));
  return { rows, progress: made.progress, last: Date.parse(made.rows[made.rows.length - 1].occurred_at) };
}

/** a unit's stored facts under their column names */
const facts = factColumns;

async function load(database: Database) {
  const { db } = database;
  const now = Date.now();
  const day0 = today(TZ);
  await writeSettings(db, { timezone: TZ, wiringDue: addDays(day0, -20), connectionDue: addDays(day0, -5), registrationGraceDays: 7, stallDays: 14, postponementLimit: 2 });
  const perUnit = Math.round(STEPS / UNITS);
  let spread = 0;
  const BATCH = 2000;
  let stepsLoaded = 0;
  const started = performance.now();
  for (let first = 0; first < UNITS; first += BATCH) {
    const unitRows: Record<string, unknown>[] = [];
    const stepRows: StepRow[] = [];
    for (let i = first; i < Math.min(UNITS, first + BATCH); i++) {
      const id = randomUUID();
      // lengths in pairs around the mean, so the total is exact
      if (i % 2 === 0) spread = int(0, perUnit - 2);
      const length = i % 2 === 0 && i < UNITS - 1 ? perUnit - spread : perUnit + (i % 2 === 0 ? 0 : spread);
      const h = history(id, length, now);
      stepRows.push(...h.rows);
      const p = h.progress;
      const kind = i % 40 === 0 ? 'township' : i % 7 === 0 ? 'other' : 'department';
      unitRows.push({
        id,
        code: `B${String(i).padStart(6, '0')}`,
        name: `${kind === 'township' ? '乡镇' : '单位'}${i}`,
        kind,
        parent_code: `P${String(i % 500).padStart(3, '0')}`,
        wiring_due: i % 10 === 0 ? addDays(day0, int(-30, 10)) : null,
        connection_due: i % 10 === 0 ? addDays(day0, int(-10, 20)) : null,
        progress: p,
        step_count: h.rows.length,
        ...facts(p),
      });
    }
    stepsLoaded += stepRows.length;
    await db.execute(sql`insert into units (id, code, name, kind, parent_code, wiring_due, connection_due, progress, step_count,
        wiring_status, connection_status, registration_status, onboarded, last_event_at, refused_at, postponements, first_postponed_at, connection_at)
      select id, code, name, kind, parent_code, wiring_due, connection_due, progress, step_count,
        wiring_status, connection_status, registration_status, onboarded, last_event_at, refused_at, postponements, first_postponed_at, connection_at
      from jsonb_to_recordset(${JSON.stringify(unitRows)}::jsonb) as x(id uuid, code text, name text, kind text, parent_code text,
        wiring_due date, connection_due date, progress jsonb, step_count int, wiring_status text, connection_status text,
        registration_status text, onboarded boolean, last_event_at timestamptz, refused_at timestamptz, postponements int,
        first_postponed_at timestamptz, connection_at timestamptz)`);
    for (let s = 0; s < stepRows.length; s += 20_000) {
      await db.execute(sql`insert into steps (unit_id, seq, type, stage, occurred_at, actor_name, actor_role, data, voided)
        select unit_id, seq, type, stage, occurred_at, actor_name, actor_role, data, voided
        from jsonb_to_recordset(${JSON.stringify(stepRows.slice(s, s + 20_000))}::jsonb) as x(unit_id uuid, seq int, type text,
          stage text, occurred_at timestamptz, actor_name text, actor_role text, data jsonb, voided boolean)`);
    }
    if ((first / BATCH) % 10 === 9) process.stdout.write(`  ${first + BATCH} units, ${stepsLoaded} steps, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
  await db.execute(sql`vacuum analyze`);
  return { stepsLoaded, seconds: (performance.now() - started) / 1000 };
}


async function main() {
  const target = await benchTarget(args, 'zw_bench');
  const { url, made: serverDb } = target;
  const database = await openDatabase(url ? { url, max: 4 } : {});
  try {
    await migrateDatabase(database, url);
    if (!args.reuse) {
      console.log(`loading ${UNITS} units and ${STEPS} steps into ${url ? `PostgreSQL (${serverDb})` : 'PGlite (in memory)'} …`);
      const loaded = await load(database);
      console.log(`loaded ${loaded.stepsLoaded} steps in ${loaded.seconds.toFixed(1)} s`);
    }

    const config = loadConfig({ DATA_DIR: '/nonexistent', PASSWORD_COST: '10', DATABASE_URL: url ?? '' });
    const app = await buildApp({ config, database });
    await app.ready();
    await database.db.execute(sql`delete from sessions where user_id in (select id from users where username = 'bench')`);
    await database.db.execute(sql`delete from users where username = 'bench'`);
    await database.db.insert(users).values({ username: 'bench', usernameKey: 'bench', displayName: '基准', role: 'office', passwordHash: await hashPassword('bench-password', 10) });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench', password: 'bench-password' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const get = async (path: string) => {
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: path, headers: { cookie } });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return { ms, res };
    };
    const past = addDays(today(TZ), -30);
    const cases: [string, string][] = [
      ['laggards page 1, today', '/api/reports/laggards'],
      ['laggards page 1, as of 30 days back', `/api/reports/laggards?asOf=${past}`],
      ['laggards page 1, today, category=stalled', '/api/reports/laggards?category=stalled'],
      ['summary, today', '/api/reports/summary'],
      ['summary, as of 30 days back', `/api/reports/summary?asOf=${past}`],
      ['trend, 30 days', '/api/reports/trend'],
      ['reasons, today', '/api/reports/reasons'],
    ];
    console.log(`\n${'report'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}   (${RUNS} runs after 2 warm-ups)`);
    for (const [label, path] of cases) {
      await get(path);
      await get(path);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push((await get(path)).ms);
      console.log(`${label.padEnd(44)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)}`);
    }
    const first = await get('/api/reports/laggards');
    console.log(`\nlaggards today: ${first.res.json().total} of ${UNITS} units`);
    for (const [label, path] of [
      ['full CSV export, today', '/api/reports/laggards.csv'],
      ['full CSV export, as of 30 days back', `/api/reports/laggards.csv?asOf=${past}`],
      ['full XLSX export, today', '/api/reports/laggards.xlsx'],
    ] as const) {
      const { ms, res } = await get(path);
      console.log(`${label.padEnd(44)} ${(ms / 1000).toFixed(2)} s, ${(res.rawPayload.length / 1e6).toFixed(1)} MB`);
    }
    await app.close();
  } finally {
    await database.close();
    await target.done();
  }
}

await main();

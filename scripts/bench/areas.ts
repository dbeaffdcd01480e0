// The national list: every township of reference/china-townships.csv (41,352, each in its county)
// plus generated departments spread over the counties to 100,000 units, 1,000,000 steps; then
// the roll-up and the laggard board timed through the real app (app.inject: routing,
// validation, scope, SQL, serialisation) as a whole-installation office and as a county's.
//   npm run bench:areas                       PostgreSQL at $DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres
//                                             (a new database, dropped afterwards)
//   npm run bench:areas -- --embedded         PGlite in memory
//   npm run bench:areas -- --keep             keep the PostgreSQL database (time it again with --reuse <name>)
//   npm run bench:areas -- --before b097c24   also time the laggard board of the code before areas on the same database
// Targets (docs/contract/areas.md "Roll-ups"): one level of roll-up today p95 ≤ 150 ms, a
// county's laggard board p95 ≤ 50 ms, the national roll-up as of 30 days back ≤ 2 s, and
// today's unscoped laggard board no slower than before areas.
//
// Loading: 1,000 step histories are generated here (valid by the stage machine, their stored
// progress derived from them); units take them in turn, so the million steps are one
// INSERT … SELECT join in the database rather than a million rows sent from here.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Database } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { users } from '../../db/schema/index.js';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { writeSettings } from '../../db/queries/settings.js';
import { hashPassword } from '../../server/lib/password.js';
import { addDays, today } from '../../shared/domain/dates.js';
import { usernameKey } from '../../shared/domain/usernames.js';
import { factColumns, generator, history, percentile } from './histories.js';
import { benchTarget } from './database.js';

const { values: args } = parseArgs({
  options: {
    embedded: { type: 'boolean', default: false },
    server: { type: 'string', default: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres' },
    units: { type: 'string', default: '100000' },
    steps: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '20' },
    /** runs of the national roll-up as of a past date (each replays every step) */
    'past-runs': { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    /** PostgreSQL only: also time that commit's laggard board (its scripts/bench/reports.ts --reuse) on the same database */
    before: { type: 'string' },
  },
});
const UNITS = Number(args.units);
const STEPS = Number(args.steps);
const RUNS = Number(args.runs);
const PAST_RUNS = Number(args['past-runs']);
const TZ = 'Asia/Shanghai';
const TEMPLATES = 1000;
const CITY = '6212';
/** the units' before-areas figure, docs/scaling.md (2026-11-29, commit e77eb70 and after): laggards page 1 today, p95 */
const BEFORE = { postgres: '135–160 ms', pglite: '205 ms' };

const g = generator(20261201);

interface Township {
  code: string;
  name: string;
  areaCode: string;
}

function townships(): Township[] {
  const file = new URL('../../reference/china-townships.csv', import.meta.url);
  try {
    return parse(readFileSync(file), { columns: true, bom: true }) as Township[];
  } catch (err) {
    throw new Error(`cannot read ${file.pathname} (every township of the country, code,name,areaCode): ${(err as Error).message}`, { cause: err });
  }
}

/** the units: the townships first, then departments dealt out over the counties in turn */
function places(all: Township[]) {
  const counties = [...new Set(all.map((t) => t.areaCode))].sort();
  const rows: { n: number; code: string; name: string; kind: string; area_code: string }[] = [];
  for (const t of all.slice(0, UNITS)) rows.push({ n: rows.length, code: t.code, name: `${t.name}人民政府`, kind: 'township', area_code: t.areaCode });
  for (let d = 0; rows.length < UNITS; d++) {
    const county = counties[d % counties.length];
    const k = Math.floor(d / counties.length) + 1;
    const n = rows.length;
    rows.push({ n, code: `${county}D${String(k).padStart(3, '0')}`, name: `部门${k}`, kind: n % 7 === 0 ? 'other' : 'department', area_code: county });
  }
  return rows;
}

const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

async function load(database: Database) {
  const { db } = database;
  const now = Date.now();
  const day0 = today(TZ);
  const t0 = performance.now();
  await writeSettings(db, { timezone: TZ, wiringDue: addDays(day0, -20), connectionDue: addDays(day0, -5), registrationGraceDays: 7, stallDays: 14, postponementLimit: 2 });
  // a few areas with deadlines of their own, so the effective deadlines are looked up the tree
  await db.execute(sql`insert into area_settings (area_code, connection_due, wiring_due, stall_days) values
    ('62', ${addDays(day0, -10)}, null, null), (${CITY}, null, ${addDays(day0, -30)}, null), ('621223', ${addDays(day0, 5)}, null, 21),
    ('44', ${addDays(day0, 3)}, null, null), ('4403', null, null, 10)`);

  // the templates: TEMPLATES histories whose lengths average exactly STEPS / UNITS
  const perUnit = Math.round(STEPS / UNITS);
  const tpl: Record<string, unknown>[] = [];
  const tplSteps: Record<string, unknown>[] = [];
  let spread = 0;
  for (let i = 0; i < TEMPLATES; i++) {
    if (i % 2 === 0) spread = g.int(0, perUnit - 2);
    const length = i % 2 === 0 ? perUnit - spread : perUnit + spread;
    const h = history(g, length, now);
    tpl.push({ tpl: i, progress: h.progress, step_count: h.rows.length, ...factColumns(h.progress) });
    for (const r of h.rows) tplSteps.push({ tpl: i, ...r });
  }
  await db.execute(sql`drop table if exists bench_tpl, bench_tpl_steps, bench_place`);
  await db.execute(sql`create unlogged table bench_tpl as select * from jsonb_to_recordset(${JSON.stringify(tpl)}::jsonb) as x(tpl int, progress jsonb,
    step_count int, wiring_status text, connection_status text, registration_status text, onboarded boolean, last_event_at timestamptz,
    refused_at timestamptz, postponements int, first_postponed_at timestamptz, connection_at timestamptz)`);
  await db.execute(sql`create unlogged table bench_tpl_steps as select * from jsonb_to_recordset(${JSON.stringify(tplSteps)}::jsonb) as x(tpl int, seq int,
    type text, stage text, occurred_at timestamptz, data jsonb, voided boolean)`);
  await db.execute(sql`create unlogged table bench_place (n int primary key, id uuid not null default gen_random_uuid(), code text, name text, kind text, area_code text)`);
  const rows = places(townships());
  for (let s = 0; s < rows.length; s += 25_000) {
    await db.execute(sql`insert into bench_place (n, code, name, kind, area_code)
      select n, code, name, kind, area_code from jsonb_to_recordset(${JSON.stringify(rows.slice(s, s + 25_000))}::jsonb) as x(n int, code text, name text, kind text, area_code text)`);
  }
  console.log(`  templates and ${rows.length} places: ${seconds(t0)} s`);

  // one unit in ten has due dates of its own
  await db.execute(sql`insert into units (id, code, name, kind, parent_code, area_code, wiring_due, connection_due, progress, step_count,
      wiring_status, connection_status, registration_status, onboarded, last_event_at, refused_at, postponements, first_postponed_at, connection_at)
    select p.id, p.code, p.name, p.kind, p.area_code, p.area_code,
      case when p.n % 10 = 0 then ${day0}::date + (p.n % 41 - 30) end, case when p.n % 10 = 0 then ${day0}::date + (p.n % 31 - 10) end,
      t.progress, t.step_count, t.wiring_status, t.connection_status, t.registration_status, t.onboarded, t.last_event_at, t.refused_at,
      t.postponements, t.first_postponed_at, t.connection_at
    from bench_place p join bench_tpl t on t.tpl = p.n % ${TEMPLATES}`);
  console.log(`  ${rows.length} units: ${seconds(t0)} s`);
  const CHUNK = 10_000;
  for (let first = 0; first < rows.length; first += CHUNK) {
    await db.execute(sql`insert into steps (unit_id, seq, type, stage, occurred_at, actor_name, actor_role, data, voided)
      select p.id, s.seq, s.type, s.stage, s.occurred_at, '基准', 'office', s.data, s.voided
      from bench_place p join bench_tpl_steps s on s.tpl = p.n % ${TEMPLATES}
      where p.n >= ${first} and p.n < ${first + CHUNK}`);
    if ((first / CHUNK) % 2 === 1) console.log(`  steps of ${first + CHUNK} units: ${seconds(t0)} s`);
  }
  await db.execute(sql`drop table bench_tpl, bench_tpl_steps, bench_place`);
  await db.execute(sql`vacuum analyze`);
  const [{ n }] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from steps`);
  return { steps: n, seconds: (performance.now() - t0) / 1000 };
}

interface Case {
  label: string;
  as: 'whole' | 'county';
  path: string;
  runs: number;
  target: number;
}

/**
 * The laggard board of `commit` (the code before areas) on the same loaded database: that
 * commit's own reports bench, run from a checkout in a temporary folder, its p95 read from its table.
 */
function laggardsBefore(commit: string, database: string): { p50: number; p95: number } | string {
  const root = new URL('../..', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), `zw-before-${commit}-`));
  try {
    execFileSync('sh', ['-c', `git -C ${JSON.stringify(root)} archive ${commit} | tar -x -C ${JSON.stringify(dir)}`]);
    if (!existsSync(join(dir, 'scripts/bench/reports.ts'))) return `${commit} has no scripts/bench/reports.ts`;
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    const run = spawnSync('npx', ['tsx', 'scripts/bench/reports.ts', '--reuse', database, '--server', args.server, '--runs', String(RUNS)], { cwd: dir, encoding: 'utf8' });
    const line = run.stdout.split('\n').find((l) => l.startsWith('laggards page 1, today '));
    if (!line) return `${commit}'s bench printed no laggard line: ${(run.stderr || run.stdout).slice(-300)}`;
    const [p50, p95] = line.trim().split(/\s+/).slice(-2).map(Number);
    return { p50, p95 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const target = await benchTarget(args, 'zw_bench_areas');
  const { url, made: serverDb } = target;
  const kind = url ? 'postgres' : 'pglite';
  const database = await openDatabase(url ? { url, max: 4 } : {});
  let closed = false;
  try {
    await migrateDatabase(database, url);
    if (!args.reuse) {
      console.log(`loading the national list, ${UNITS} units and ${STEPS} steps, into ${url ? `PostgreSQL (${serverDb})` : 'PGlite (in memory)'} …`);
      const loaded = await load(database);
      console.log(`loaded ${loaded.steps} steps in ${loaded.seconds.toFixed(1)} s`);
    }
    const { db } = database;
    // the county with the most units: the largest county board there is
    const [big] = await rowsOf<{ code: string; name: string; n: number }>(
      db,
      sql`select u.area_code as code, a.name, count(*)::int as n from units u join areas a on a.code = u.area_code group by 1, 2 order by 3 desc, 1 limit 1`,
    );
    const county = big.code;
    const city = county.slice(0, 4);

    const config = loadConfig({ DATA_DIR: '/nonexistent', PASSWORD_COST: '10', DATABASE_URL: url ?? '' });
    const app = await buildApp({ config, database });
    await app.ready();
    const passwordHash = await hashPassword('bench-password', 10);
    const cookies: Record<Case['as'], string> = { whole: '', county: '' };
    for (const [who, username, scope] of [['whole', 'bench', null], ['county', 'bench-county', county]] as const) {
      await db.execute(sql`delete from sessions where user_id in (select id from users where username = ${username})`);
      await db.execute(sql`delete from users where username = ${username}`);
      await db.insert(users).values({ username, usernameKey: usernameKey(username), displayName: '基准', role: 'office', scope, passwordHash });
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'bench-password' } });
      if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.statusCode} ${login.body}`);
      cookies[who] = String(login.headers['set-cookie']).split(';')[0];
    }
    const get = async (who: Case['as'], path: string) => {
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: path, headers: { cookie: cookies[who] } });
      return { ms: performance.now() - t0, res };
    };

    const past = addDays(today(TZ), -30);
    const cases: Case[] = [
      { label: 'roll-up today: the provinces', as: 'whole', path: '/api/reports/areas', runs: RUNS, target: 150 },
      { label: `roll-up today: ${CITY}'s counties`, as: 'whole', path: `/api/reports/areas?parent=${CITY}`, runs: RUNS, target: 150 },
      { label: `roll-up today: ${city}'s counties`, as: 'whole', path: `/api/reports/areas?parent=${city}`, runs: RUNS, target: 150 },
      { label: 'roll-up today: own county (county office)', as: 'county', path: '/api/reports/areas', runs: RUNS, target: 150 },
      { label: 'laggards page 1 today (county office)', as: 'county', path: '/api/reports/laggards', runs: RUNS, target: 50 },
      { label: 'laggards page 1 today, category=stalled (county)', as: 'county', path: '/api/reports/laggards?category=stalled', runs: RUNS, target: 50 },
      { label: `laggards page 1 today, area=${county} (whole)`, as: 'whole', path: `/api/reports/laggards?area=${county}`, runs: RUNS, target: 50 },
      { label: 'roll-up 30 days back: the provinces', as: 'whole', path: `/api/reports/areas?asOf=${past}`, runs: PAST_RUNS, target: 2000 },
      { label: 'laggards page 1 today, unscoped (whole)', as: 'whole', path: '/api/reports/laggards', runs: RUNS, target: 150 },
    ];
    const results: { c: Case; p50?: number; p95?: number; note?: string }[] = [];
    const measure = async (c: Case) => {
      const first = await get(c.as, c.path);
      if (first.res.statusCode !== 200) {
        const why = first.res.statusCode === 404 ? 'not on this branch yet (404)' : `${first.res.statusCode}: ${first.res.body.slice(0, 120)}`;
        results.push({ c, note: `skipped, ${why}` });
        console.log(`  ${c.label}: skipped, ${why}`);
        return;
      }
      await get(c.as, c.path);
      const times: number[] = [];
      for (let i = 0; i < c.runs; i++) times.push((await get(c.as, c.path)).ms);
      results.push({ c, p50: percentile(times, 50), p95: percentile(times, 95) });
    };
    for (const c of cases) await measure(c);
    // what the areas' own deadlines cost the unscoped board: the same with none set (then put back)
    const own = await rowsOf<Record<string, unknown>>(db, sql`select * from area_settings`);
    await db.execute(sql`delete from area_settings`);
    try {
      await measure({ label: 'laggards page 1 today, unscoped, no area deadlines', as: 'whole', path: '/api/reports/laggards', runs: RUNS, target: 150 });
    } finally {
      await db.execute(sql`insert into area_settings select * from jsonb_populate_recordset(null::area_settings, ${JSON.stringify(own)}::jsonb)`);
    }

    // is the county office's board its county's? (it is the whole board until scopes are enforced)
    const whole = await get('whole', '/api/reports/laggards');
    const mine = await get('county', '/api/reports/laggards');
    const notes: string[] = [];
    if (whole.res.statusCode === 200 && mine.res.statusCode === 200) {
      const [w, m] = [whole.res.json().total as number, mine.res.json().total as number];
      notes.push(`laggards today: ${w} of ${UNITS} units; in ${big.name} ${county} (${big.n} units): ${m}`);
      if (m === w) notes.push(`NOTE: the county office sees the whole board: scopes are not enforced on this branch, so its figures are not a county's`);
    }
    const area = await get('whole', `/api/reports/laggards?area=${county}`);
    if (area.res.statusCode === 200 && whole.res.statusCode === 200 && area.res.json().total === whole.res.json().total) {
      notes.push('NOTE: area= does not narrow the laggard board on this branch: its figure is the whole board');
    }

    const bar = '-'.repeat(104);
    console.log(`\n${kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}, ${UNITS} units, ${STEPS} steps; ${RUNS} runs after 2 warm-ups (${PAST_RUNS} for the past as-of)`);
    console.log(bar);
    console.log(`${'report'.padEnd(52)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'target'.padStart(9)} ${'p95/target'.padStart(11)}`);
    console.log(bar);
    for (const r of results) {
      if (r.p95 === undefined) {
        console.log(`${r.c.label.padEnd(52)} ${r.note}`);
        continue;
      }
      const target = r.c.target >= 1000 ? `${r.c.target / 1000} s` : `${r.c.target} ms`;
      console.log(`${r.c.label.padEnd(52)} ${r.p50!.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${target.padStart(9)} ${(r.p95 / r.c.target).toFixed(2).padStart(11)}`);
    }
    console.log(bar);
    console.log(`before areas, laggards page 1 today p95 (docs/scaling.md, 100,000 units / 1,000,000 steps): ${BEFORE[kind]}`);
    for (const n of notes) console.log(n);
    await app.close();
    await database.close();
    closed = true;
    if (args.before && url) {
      const dbName = new URL(url).pathname.slice(1);
      console.log(`\ntiming ${args.before}'s laggard board on the same database …`);
      const before = laggardsBefore(args.before, dbName);
      const now = results.find((r) => r.c.label.startsWith('laggards page 1 today, unscoped'));
      if (typeof before === 'string') console.log(`  ${before}`);
      else if (now?.p95 !== undefined) {
        console.log(`  laggards page 1 today, unscoped: p50 ${before.p50.toFixed(1)} / p95 ${before.p95.toFixed(1)} ms at ${args.before}, ` +
          `p50 ${now.p50!.toFixed(1)} / p95 ${now.p95.toFixed(1)} ms now (ratio p50 ${(now.p50! / before.p50).toFixed(2)}, p95 ${(now.p95 / before.p95).toFixed(2)})`);
      }
    }
  } finally {
    if (!closed) await database.close();
    await target.done();
  }
}

await main();

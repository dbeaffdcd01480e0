// The national list: every township of reference/china-townships.csv (41,352, each in its county)
// plus generated departments spread over the counties to 100,000 units, 1,000,000 steps, and
// the training data (one closed training per county with every unit enrolled, attendance,
// backbone people and report-backs for all, backboneDue past: docs/contract/training.md); then
// the roll-up, the training numbers and the laggard board timed through the real app
// (app.inject: routing, validation, scope, SQL, serialisation) as a whole-installation office
// and as a county's, and the county's training laggards counted per category.
//   npm run bench:areas                       PostgreSQL at $DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres
//                                             (a new database, dropped afterwards)
//   npm run bench:areas -- --embedded         PGlite in memory
//   npm run bench:areas -- --no-training      no training data (the list the figures before training were taken on)
//   npm run bench:areas -- --keep             keep the PostgreSQL database (time it again with --reuse <name>)
//   npm run bench:areas -- --before b097c24   also time the laggard board of the code before areas on the same database
// Targets (docs/contract/areas.md "Roll-ups"): one level of roll-up today p95 ≤ 150 ms, a
// county's laggard board p95 ≤ 50 ms, the national roll-up as of 30 days back ≤ 2 s, and
// today's unscoped laggard board no slower than before areas.
// The list and the training data are loaded by areas-load.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { users } from '../../db/schema/index.js';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { hashPassword } from '../../server/lib/password.js';
import { addDays, today } from '../../shared/domain/dates.js';
import { usernameKey } from '../../shared/domain/usernames.js';
import { percentile } from './histories.js';
import { CITY, loadNationalList, loadTraining } from './areas-load.js';
import { TRAINING_CATEGORIES } from '../../shared/domain/training-flags.js';
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
    /** load no training data (the list as the figures before training were measured on) */
    'no-training': { type: 'boolean', default: false },
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
const TRAINING = !args['no-training'];
const TZ = 'Asia/Shanghai';
/** the units' before-areas figure, docs/scaling.md (2026-11-29, commit e77eb70 and after): laggards page 1 today, p95 */
const BEFORE = { postgres: '135–160 ms', pglite: '205 ms' };

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
      const loaded = await loadNationalList(database, { units: UNITS, steps: STEPS, tz: TZ });
      console.log(`loaded ${loaded.steps} steps in ${loaded.seconds.toFixed(1)} s`);
      if (TRAINING) {
        const t = await loadTraining(database, { tz: TZ });
        console.log(`loaded the training data in ${t.seconds.toFixed(1)} s: ${t.trainings} trainings (one per county), ${t.enrolled} units enrolled ` +
          `(${t.attended} attended, ${t.absent} absent, ${t.excused} excused), ${t.backbone} with a backbone named, ` +
          `report-backs ${t.accepted} accepted, ${t.submitted} submitted, ${t.returned} returned`);
      }
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
      // the training numbers are one level of roll-up too
      { label: 'training numbers today: the provinces', as: 'whole', path: '/api/reports/training', runs: RUNS, target: 150 },
      { label: 'training numbers today: own county (county office)', as: 'county', path: '/api/reports/training', runs: RUNS, target: 150 },
      { label: 'laggards page 1 today (county office)', as: 'county', path: '/api/reports/laggards', runs: RUNS, target: 50 },
      { label: 'laggards page 1 today, category=stalled (county)', as: 'county', path: '/api/reports/laggards?category=stalled', runs: RUNS, target: 50 },
      { label: 'laggards page 1 today, report_back_overdue (county)', as: 'county', path: '/api/reports/laggards?category=report_back_overdue', runs: RUNS, target: 50 },
      { label: `laggards page 1 today, area=${county} (whole)`, as: 'whole', path: `/api/reports/laggards?area=${county}`, runs: RUNS, target: 50 },
      { label: 'roll-up 30 days back: the provinces', as: 'whole', path: `/api/reports/areas?asOf=${past}`, runs: PAST_RUNS, target: 2000 },
      { label: 'laggards page 1 today, unscoped (whole)', as: 'whole', path: '/api/reports/laggards', runs: RUNS, target: 150 },
      { label: 'laggards page 2 today, unscoped (whole)', as: 'whole', path: '/api/reports/laggards?page=2', runs: RUNS, target: 150 },
      { label: 'laggards page 1 today, area=50 (a province)', as: 'whole', path: '/api/reports/laggards?area=50', runs: RUNS, target: 150 },
    ];
    const results: { c: Case; first?: number; p50?: number; p95?: number; note?: string }[] = [];
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
      // the first request of a process: a kept report (memo.ts) computed for every county, a past day replayed
      results.push({ c, first: first.ms, p50: percentile(times, 50), p95: percentile(times, 95) });
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
    // what the kept reports hold (the app runs in this process: its heap is the server's, with the bench's little)
    const heap = process.memoryUsage();
    notes.push(`heap after the reports: ${(heap.heapUsed / 2 ** 20).toFixed(0)} MB used, process RSS ${(heap.rss / 2 ** 20).toFixed(0)} MB`);
    if (whole.res.statusCode === 200 && mine.res.statusCode === 200) {
      const [w, m] = [whole.res.json().total as number, mine.res.json().total as number];
      notes.push(`laggards today: ${w} of ${UNITS} units; in ${big.name} ${county} (${big.n} units): ${m}`);
      if (m === w) notes.push(`NOTE: the county office sees the whole board: scopes are not enforced on this branch, so its figures are not a county's`);
    }
    // do the training flags apply? the county office's board per training category
    const perCategory: string[] = [];
    for (const category of TRAINING_CATEGORIES) {
      const r = await get('county', `/api/reports/laggards?category=${category}`);
      perCategory.push(`${category} ${r.res.statusCode === 200 ? (r.res.json().total as number) : `(${r.res.statusCode})`}`);
    }
    notes.push(`training laggards in ${big.name} ${county} (${big.n} units), the county office's board: ${perCategory.join(', ')}${TRAINING ? '' : ' (--no-training)'}`);
    const area = await get('whole', `/api/reports/laggards?area=${county}`);
    if (area.res.statusCode === 200 && whole.res.statusCode === 200 && area.res.json().total === whole.res.json().total) {
      notes.push('NOTE: area= does not narrow the laggard board on this branch: its figure is the whole board');
    }

    const bar = '-'.repeat(114);
    const data = args.reuse ? '' : TRAINING ? ', a training per county' : ', no training data';
    console.log(`\n${kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}, ${UNITS} units, ${STEPS} steps${data}; ${RUNS} runs after 2 warm-ups (${PAST_RUNS} for the past as-of)`);
    console.log(bar);
    console.log(`${'report'.padEnd(52)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'target'.padStart(9)} ${'p95/target'.padStart(11)} ${'first ms'.padStart(9)}`);
    console.log(bar);
    for (const r of results) {
      if (r.p95 === undefined) {
        console.log(`${r.c.label.padEnd(52)} ${r.note}`);
        continue;
      }
      const target = r.c.target >= 1000 ? `${r.c.target / 1000} s` : `${r.c.target} ms`;
      console.log(`${r.c.label.padEnd(52)} ${r.p50!.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${target.padStart(9)} ${(r.p95 / r.c.target).toFixed(2).padStart(11)} ${r.first!.toFixed(0).padStart(9)}`);
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

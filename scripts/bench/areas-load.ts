// The national list the areas bench times: every township of reference/china-townships.csv (each in
// its county) plus generated departments spread over the counties, and their step histories.
// 1,000 histories are generated here (valid by the stage machine, their stored progress derived
// from them); units take them in turn, so the million steps are one INSERT … SELECT join in the
// database rather than a million rows sent from here.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { writeSettings } from '../../db/queries/settings.js';
import { addDays, today } from '../../shared/domain/dates.js';
import { factColumns, generator, history } from './histories.js';

const TEMPLATES = 1000;
/** the units were put on the list this many days ago: before any step (histories start 5–63 days back) */
const ADDED_DAYS_AGO = 70;
/** the city whose areas get deadlines of their own (the bench's roll-up looks at its counties) */
export const CITY = '6212';

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
function places(all: Township[], UNITS: number) {
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

/**
 * Loads `units` units (the townships first) with `steps` steps between them, as histories valid by
 * the stage machine, and a few areas' own deadlines; `tz` is the installation's time zone.
 */
export async function loadNationalList(database: Database, { units: UNITS, steps: STEPS, tz: TZ }: { units: number; steps: number; tz: string }) {
  const g = generator(20261201);
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
  const rows = places(townships(), UNITS);
  for (let s = 0; s < rows.length; s += 25_000) {
    await db.execute(sql`insert into bench_place (n, code, name, kind, area_code)
      select n, code, name, kind, area_code from jsonb_to_recordset(${JSON.stringify(rows.slice(s, s + 25_000))}::jsonb) as x(n int, code text, name text, kind text, area_code text)`);
  }
  console.log(`  templates and ${rows.length} places: ${seconds(t0)} s`);

  // one unit in ten has due dates of its own. Every unit is on the list since before its first
  // step (the histories start at most 63 days back) and before every deadline: added today, as
  // the column's default would have it, each would be a late joiner ("The record": its deadlines
  // counted from today, and in no report of a past day, so the roll-up 30 days back read no unit)
  await db.execute(sql`insert into units (id, code, name, kind, parent_code, area_code, wiring_due, connection_due, progress, step_count,
      wiring_status, connection_status, registration_status, onboarded, last_event_at, refused_at, postponements, first_postponed_at, connection_at, created_at)
    select p.id, p.code, p.name, p.kind, p.area_code, p.area_code,
      case when p.n % 10 = 0 then ${day0}::date + (p.n % 41 - 30) end, case when p.n % 10 = 0 then ${day0}::date + (p.n % 31 - 10) end,
      t.progress, t.step_count, t.wiring_status, t.connection_status, t.registration_status, t.onboarded, t.last_event_at, t.refused_at,
      t.postponements, t.first_postponed_at, t.connection_at, (${addDays(day0, -ADDED_DAYS_AGO)}::date + time '08:00') at time zone ${TZ}::text
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

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

/** the day every county held its training, this many days back: closed, its report-backs due (10 days) and past */
const TRAINING_DAYS_AGO = 20;

/**
 * The training data on the loaded list (docs/contract/training.md): one closed training (topic
 * network) per county that has units, held TRAINING_DAYS_AGO days back, with every unit of the
 * county enrolled; each unit's attendance, backbone people and report-back dealt out by its
 * number in code order (deterministic): about 85 % attended, 8 % absent, 7 % excused; a primary
 * backbone named for 95 % (2 % more with an ended term only); a report-back for 70 % of those
 * attended (58 accepted, 7 submitted, 5 returned, about a quarter of them late). The backboneDue
 * dates are past, so all three training flags apply. Set-based: one INSERT … SELECT per table.
 */
export async function loadTraining(database: Database, { tz: TZ }: { tz: string }) {
  const { db } = database;
  const day0 = today(TZ);
  const held = addDays(day0, -TRAINING_DAYS_AGO);
  const t0 = performance.now();
  // backboneDue: the installation's before the training, Gansu's and Guangdong's own later (still
  // past), so it is read per area as the other deadlines are; Shenzhen allows 14 days to report back
  await db.execute(sql`update settings set backbone_due = ${addDays(day0, -25)}`);
  await db.execute(sql`update area_settings set backbone_due = ${addDays(day0, -15)} where area_code = '62'`);
  await db.execute(sql`update area_settings set backbone_due = ${addDays(day0, -5)} where area_code = '44'`);
  await db.execute(sql`update area_settings set report_back_days = 14 where area_code = '4403'`);

  // the units numbered in code order: n decides each one's attendance, backbone and report-back
  await db.execute(sql`drop table if exists bench_enrol`);
  await db.execute(sql`create unlogged table bench_enrol as
    select u.id, u.area_code, (row_number() over (order by u.area_code, u.code) - 1)::int as n,
      (row_number() over (order by u.area_code, u.code) * 7 % 100)::int as a,
      ((row_number() over (order by u.area_code, u.code) * 13 + 5) % 100)::int as b,
      ((row_number() over (order by u.area_code, u.code) * 17 + 3) % 100)::int as r
    from units u where length(u.area_code) = 6`);
  const time = (day: string, clock: string) => sql`((${day}::date + time ${sql.raw(`'${clock}'`)}) at time zone ${TZ}::text)`;
  await db.execute(sql`insert into trainings (title, topics, organiser, trainer, venue, starts_at, ends_at, area_code, required, sign_secret, closed_at, created_at)
    select a.name || '信息化业务骨干培训班（电子政务外网）', array['network'], a.name || '电信局', '省通信管理局专家', a.name || '人民政府三楼会议室',
      ${time(held, '09:00')}, ${time(held, '17:00')}, a.code, '{"kinds": ["township", "department", "other"]}'::jsonb,
      md5(a.code || random()::text), ${time(held, '18:00')}, ${time(addDays(held, -14), '10:00')}
    from areas a where a.code in (select distinct area_code from bench_enrol)`);
  // attended by code, the contact's tap, the office's roster or the paper sheet; absent as closing marks them
  await db.execute(sql`insert into training_attendance (training_id, unit_id, status, attendee, method, at, by_name, reason)
    select t.id, e.id,
      case when e.a < 85 then 'attended' when e.a < 93 then 'absent' else 'excused' end,
      case when e.a < 85 then '学员' || e.n end,
      case when e.a < 85 then (array['code', 'contact', 'office', 'sheet'])[1 + e.n % 4] else 'office' end,
      case when e.a < 85 then t.starts_at + make_interval(mins => e.n % 50 - 30) when e.a < 93 then t.closed_at else t.starts_at - interval '1 day' end,
      case when e.a >= 85 or e.n % 4 >= 2 then '基准' when e.n % 4 = 1 then '联络员' end,
      case when e.a >= 93 then '单位有紧急任务，已请假' end
    from bench_enrol e join trainings t on t.area_code = e.area_code`);
  await db.execute(sql`insert into backbones (unit_id, kind, name, post, phone, since, ended_at)
    select e.id, 'primary', '骨干' || e.n, '办公室主任', '139' || lpad(e.n::text, 8, '0'),
      case when e.b < 95 then ${addDays(day0, -60)}::date - e.n % 30 else ${addDays(day0, -200)}::date end,
      case when e.b >= 95 then ${addDays(day0, -40)}::date end
    from bench_enrol e where e.b < 97
    union all
    select e.id, 'deputy', '副骨干' || e.n, '信息员', '138' || lpad(e.n::text, 8, '0'), ${addDays(day0, -60)}::date, null
    from bench_enrol e where e.b < 30`);
  // reported 2–13 days after the training (due after 10): accepted mostly, some awaiting review, some returned
  await db.execute(sql`insert into report_backs (training_id, unit_id, reported_on, leader, form, colleagues_reached, summary, status, return_reason, submitted_at, reviewed_at)
    select x.training_id, x.id, x.reported_on, '分管副局长 张某', (array['meeting', 'written', 'other'])[1 + x.n % 3], 5 + x.n % 30,
      '向单位领导汇报了电子政务外网的接入、办公自动化和保密要求，并在全体会上传达。', x.status,
      case when x.status = 'returned' then '汇报对象和传达范围写得不清楚，请补充' end,
      (x.reported_on + time '16:00') at time zone ${TZ}::text,
      case when x.status <> 'submitted' then (x.reported_on + 1 + time '10:00') at time zone ${TZ}::text end
    from (select e.id, e.n, t.id as training_id, ${held}::date + 2 + e.n % 12 as reported_on,
        case when e.r < 58 then 'accepted' when e.r < 65 then 'submitted' else 'returned' end as status
      from bench_enrol e join trainings t on t.area_code = e.area_code
      where e.a < 85 and e.r < 70) x`);
  await db.execute(sql`drop table bench_enrol`);
  await db.execute(sql`analyze trainings`);
  await db.execute(sql`analyze training_attendance`);
  await db.execute(sql`analyze backbones`);
  await db.execute(sql`analyze report_backs`);
  // each insert above refreshed the units' stored training facts (migration 0027): the dead rows
  // go, as autovacuum would take them in a running installation
  await db.execute(sql`vacuum analyze units`);
  const [c] = await rowsOf<Record<string, number>>(
    db,
    sql`select (select count(*) from trainings)::int as trainings, (select count(*) from training_attendance)::int as enrolled,
      (select count(*) from training_attendance where status = 'attended')::int as attended,
      (select count(*) from training_attendance where status = 'absent')::int as absent,
      (select count(*) from training_attendance where status = 'excused')::int as excused,
      (select count(*) from backbones where kind = 'primary' and ended_at is null)::int as backbone,
      (select count(*) from report_backs where status = 'accepted')::int as accepted,
      (select count(*) from report_backs where status = 'submitted')::int as submitted,
      (select count(*) from report_backs where status = 'returned')::int as returned`,
  );
  return { ...c, seconds: (performance.now() - t0) / 1000 } as { trainings: number; enrolled: number; attended: number; absent: number; excused: number; backbone: number; accepted: number; submitted: number; returned: number; seconds: number };
}

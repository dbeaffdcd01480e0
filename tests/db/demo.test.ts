// The demo seeds what it says (README "A living demo", the message `npm run demo` prints): two
// or more counties under 陇南市 that stand differently, every unit in its county, and the scoped
// logins, each able to log in and carrying its scope.
import { describe, expect, it } from 'vitest';
import { STEP_RULES } from '../../shared/domain/steps.js';
import { areas, areaSettings, settings, steps, trainings, units, users } from '../../db/schema/index.js';
import { trainingFlagRows } from '../../db/queries/reports/training-flags.js';
import { groups } from '../../db/queries/reports/summary.js';
import { rowsOf } from '../../db/rows.js';
import { sql } from 'drizzle-orm';
import { reportContext } from '../../server/lib/reports.js';
import { TRAINING_CATEGORIES } from '../../shared/domain/training-flags.js';
import { hashPassword } from '../../server/lib/password.js';
import { LAGGARD_CATEGORIES, laggardFlags, type LaggardCategory } from '../../shared/domain/laggards.js';
import { today } from '../../shared/domain/dates.js';
import { RECORD_DEFAULTS } from '../../shared/domain/deadlines.js';
import { CITY, COUNTIES, PASSWORD, TZ } from '../../scripts/demo/counties.js';
import { seedDemo, type DemoSummary } from '../../scripts/demo/seed.js';
import { describe as describeDemo } from '../../scripts/demo.js';
import type { TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

let t: TestApp;
let summary: DemoSummary;
test.beforeAll(async ({ t: testApp }) => {
  t = testApp;
  summary = await seedDemo(t.database.db, await hashPassword(PASSWORD, 10));
}, 120_000);

describe('npm run demo', () => {
  it('seeds at least two counties of 陇南市, every unit placed in one of them', async () => {
    const seeded = await t.database.db.select().from(areas);
    const byCode = new Map(seeded.map((a) => [a.code, a]));
    const counties = summary.counties.map((c) => byCode.get(c.code)!);
    expect(counties.length).toBeGreaterThanOrEqual(2);
    for (const c of counties) expect(c).toMatchObject({ level: 'county', parentCode: CITY.code });
    expect(summary.counties.map((c) => c.code)).toContain('621223');

    const all = await t.database.db.select().from(units);
    expect(all.length).toBe(summary.counties.reduce((n, c) => n + c.townships + c.departments, 0));
    for (const u of all) {
      expect(summary.counties.map((c) => c.code)).toContain(u.areaCode);
      if (u.kind === 'township') expect(u.code.slice(0, 6)).toBe(u.areaCode);
    }
    // 宕昌县 as the demo always had it: its 25 real townships and 42 departments
    expect(all.filter((u) => u.areaCode === '621223' && u.kind === 'township')).toHaveLength(25);
    expect(all.filter((u) => u.areaCode === '621223' && u.kind === 'department')).toHaveLength(42);
  });

  it('gives the counties different progress: one clearly ahead, one lagging in every category', async () => {
    const [s] = await t.database.db.select().from(settings);
    const own = new Map((await t.database.db.select().from(areaSettings)).map((a) => [a.areaCode, a]));
    const rules = { ...RECORD_DEFAULTS, timezone: s.timezone, registrationGraceDays: s.registrationGraceDays, stallDays: s.stallDays, postponementLimit: s.postponementLimit };
    const asOf = today(TZ);
    const all = await t.database.db.select().from(units);
    const standing = COUNTIES.map((c) => {
      const mine = all.filter((u) => u.areaCode === c.code);
      // the county's own deadline where it set one, else the installation's (its city and province set none)
      const deadlines = { wiringDue: own.get(c.code)?.wiringDue ?? s.wiringDue, connectionDue: own.get(c.code)?.connectionDue ?? s.connectionDue };
      const categories = new Set<LaggardCategory>();
      let laggards = 0;
      for (const u of mine) {
        const { flags } = laggardFlags(u.progress, { wiringDue: u.wiringDue ?? deadlines.wiringDue, connectionDue: u.connectionDue ?? deadlines.connectionDue }, { ...rules, ...deadlines }, asOf);
        if (flags.length) laggards++;
        for (const f of flags) categories.add(f.category);
      }
      return { code: c.code, share: mine.filter((u) => u.onboarded).length / mine.length, laggards, categories };
    });
    const ahead = standing.find((c) => c.code === '621221')!;
    const behind = standing.find((c) => c.code === '621202')!;
    expect(ahead.laggards).toBe(0);
    expect(ahead.share).toBeGreaterThanOrEqual(0.6);
    for (const other of standing.filter((c) => c !== ahead)) expect(ahead.share).toBeGreaterThan(other.share + 0.3);
    expect(behind.share).toBeLessThan(0.2);
    // the network's categories here (the pure network rules); the training's are checked below
    const network = LAGGARD_CATEGORIES.filter((c) => !(TRAINING_CATEGORIES as readonly string[]).includes(c));
    expect([...behind.categories].sort()).toEqual([...network].sort());
    expect([...standing.find((c) => c.code === '621223')!.categories].sort()).toEqual([...network].sort());
  });

  it('gives 宕昌县 last month\'s training with every training flag, and 武都区 one next week', async () => {
    const ctx = await reportContext(t.database.db);
    const rows = await trainingFlagRows(t.database.db, ctx, { area: '621223' });
    for (const column of ['d_no_backbone', 'd_training_absent', 'd_report_back_overdue'] as const) expect(rows.some((r) => r[column] !== null), column).toBe(true);
    const list = await t.database.db.select().from(trainings);
    expect(list.map((x) => [x.areaCode, x.closedAt !== null, x.startsAt.getTime() > Date.now()]).sort()).toEqual([['621202', false, true], ['621223', true, false]]);
  });

  it('gives one county its own connection deadline, which alone keeps its units on time', async () => {
    // 宕昌县's row sets only the training's backboneDue
    const own = (await t.database.db.select().from(areaSettings)).filter((a) => a.connectionDue || a.wiringDue);
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ areaCode: '621221', wiringDue: null });
    const [s] = await t.database.db.select().from(settings);
    expect(own[0].connectionDue! > s.connectionDue!).toBe(true);
    // by the installation's deadline some of 成县's units would be late with their connection
    const late = (await t.database.db.select().from(units)).filter(
      (u) => u.areaCode === '621221' && laggardFlags(u.progress, { wiringDue: s.wiringDue, connectionDue: s.connectionDue }, { ...s, timezone: s.timezone }, today(TZ)).flags.length > 0,
    );
    expect(late.length).toBeGreaterThan(0);
  });

  it('creates the scoped logins, each of which logs in with its scope', async () => {
    const staff = (await t.database.db.select().from(users)).filter((u) => u.role !== 'unit');
    const scopeOf = (username: string) => staff.find((u) => u.username === username)?.scope;
    expect(scopeOf('zfb01')).toBeNull();
    expect(staff.find((u) => u.username === 'zfb01')!.role).toBe('office');
    expect(scopeOf('lns01')).toBe(CITY.code);
    expect(scopeOf('leader01')).toBe('621223');
    for (const c of COUNTIES) {
      expect(staff.find((u) => u.username === c.office.username)).toMatchObject({ role: 'office', scope: c.code });
      for (const tech of c.technicians) expect(staff.find((u) => u.username === tech.username)).toMatchObject({ role: 'technician', scope: c.code });
    }
    // the whole installation's office is the first one, so it may name the others
    const offices = staff.filter((u) => u.role === 'office').sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(offices[0].username).toBe('zfb01');

    for (const username of ['zfb01', 'lns01', 'tc01', 'wd01', 'leader01', 'tech01', 'u621223100']) {
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
      expect(login.statusCode, username).toBe(200);
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: String(login.headers['set-cookie']).split(';')[0] } });
      // a unit contact's scope is its unit, whatever the field says
      if (username.startsWith('u')) expect(me.json().user.role).toBe('unit');
      else expect(me.json().user.scope ?? null, username).toBe(scopeOf(username) ?? null);
    }
  });

  // Through the API: the roll-up route exists, so a 404 here is a scope bug, never a reason to skip.
  it('shows the city office its three counties ranked, and a county office its county alone', async () => {
    const login = async (username: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
      const cookie = String(res.headers['set-cookie']).split(';')[0];
      return (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    };
    const city = await login('lns01');
    const rollup = await city('/api/reports/areas');
    expect(rollup.statusCode, rollup.body).toBe(200);
    // 陇南市's other counties are there too, without units (and ranked after those with units)
    const rows = (rollup.json().items as { area: { code: string }; totalUnits: number; laggards: number; rank: number }[]).filter((r) => r.totalUnits > 0);
    expect(rows.map((r) => r.area.code).sort()).toEqual(COUNTIES.map((c) => c.code).sort());
    const rank = (code: string) => rows.find((r) => r.area.code === code)!.rank;
    expect(rank('621221')).toBe(1);
    expect(rank('621202')).toBe(3);
    expect(rows.find((r) => r.area.code === '621221')!.laggards).toBe(0);

    const county = await login('wd01');
    const list = await county('/api/units?pageSize=200');
    expect(list.json().total).toBe(summary.counties.find((c) => c.code === '621202')!.townships + summary.counties.find((c) => c.code === '621202')!.departments);
    expect((list.json().items as { areaCode: string }[]).every((u) => u.areaCode === '621202')).toBe(true);
    expect((await county('/api/reports/areas?parent=6212')).statusCode).toBe(404);
  });

  it('prints every staff login and what it sees', () => {
    const text = describeDemo(summary, true);
    for (const l of summary.logins) expect(text).toMatch(new RegExp(`${l.username}\\s+sees ${l.scope ? `${l.scopeName} \\(${l.scope}\\)` : 'the whole installation'}`));
    for (const c of summary.counties) expect(text).toContain(`${c.name} ${c.code}`);
  });

  it('is a county at work: every unit has a contact with a phone and a technician who looks after it', async () => {
    const all = await t.database.db.select().from(units);
    for (const u of all) {
      expect(u.contactName, u.code).toMatch(/\S/);
      expect(u.contactPhone, u.code).toMatch(/^1\d{10}$/);
    }
    const staff = await t.database.db.select().from(users);
    const assigned = new Map<string, number>();
    for (const u of all) assigned.set(u.assigneeId ?? 'none', (assigned.get(u.assigneeId ?? 'none') ?? 0) + 1);
    expect(assigned.get('none')).toBeUndefined();
    // every technician has units of its own county, tech01 among them
    for (const c of COUNTIES) {
      for (const tech of c.technicians) {
        const row = staff.find((s) => s.username === tech.username)!;
        expect(assigned.get(row.id) ?? 0, tech.username).toBeGreaterThan(0);
        expect(row.phone, tech.username).toMatch(/^1\d{10}$/);
        expect(all.filter((u) => u.assigneeId === row.id).every((u) => u.areaCode === c.code)).toBe(true);
      }
    }
  });

  it('records every step by a role STEP_RULES allows: the unit\'s own contact for its own unit', async () => {
    const staff = new Map((await t.database.db.select().from(users)).map((u) => [u.id, u]));
    const unitOf = new Map((await t.database.db.select().from(units)).map((u) => [u.id, u]));
    const all = await t.database.db.select().from(steps);
    expect(all.length).toBeGreaterThan(100);
    const seen = new Set<string>();
    for (const s of all) {
      const rule = STEP_RULES[s.type as keyof typeof STEP_RULES];
      const who = staff.get(s.actorId!)!;
      expect(who.role, `${s.type} by ${who.username}`).toBe(s.actorRole);
      expect(rule.roles, `${s.type} by ${who.username}`).toContain(who.role);
      if (who.role === 'unit') expect(who.unitId).toBe(s.unitId);
      // a technician records for the units it is assigned, so its list is its day's work
      if (who.role === 'technician') expect(unitOf.get(s.unitId)!.assigneeId).toBe(who.id);
      seen.add(`${s.type}:${who.role}`);
    }
    // the unit's contacts do register: the review is the office's
    expect(seen).toContain('registration.submitted:unit');
    expect(seen).not.toContain('registration.submitted:technician');
  });

  it('lands tech01 on its own units', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'tech01', password: PASSWORD } });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json().user;
    const mine = await t.app.inject({ method: 'GET', url: `/api/units?assignee=${me.id}&pageSize=200`, headers: { cookie } });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().total).toBeGreaterThan(10);
  });

  it("reads each unit once for a city's summary: the training flags are computed per unit, not per pair of units", async () => {
    // as a join of a per-unit subquery, PGlite (no statistics) planned a nested loop that scanned
    // the city's units once per unit: 146 units took 2.3 s per summary and held the database
    const ctx = await reportContext(t.database.db);
    const [row] = await rowsOf<{ 'QUERY PLAN': unknown }>(t.database.db, sql`explain (analyze, format json) ${groups(ctx, { area: CITY.code })}`);
    const plan = row!['QUERY PLAN'];
    const scans: number[] = [];
    const walk = (node: { 'Relation Name'?: string; 'Actual Loops'?: number; Plans?: unknown[] }) => {
      if (node['Relation Name'] === 'units') scans.push(node['Actual Loops'] ?? 0);
      for (const child of node.Plans ?? []) walk(child as typeof node);
    };
    walk((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan);
    expect(scans.reduce((a, b) => a + b, 0)).toBe(1);
  });
});

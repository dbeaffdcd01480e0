// Today's laggard board kept per county (db/queries/reports/laggards-kept.ts) says exactly what the
// board computed whole says: after random steps, voids, units added and moved, changes of the
// campaign's settings and day turns, for every filter and page the kept board answers (and those it
// hands back to the whole computation: a county with more laggards than it keeps).
import fc from 'fast-check';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { laggardsReport } from '../../server/lib/reports.js';
import { keepReportsWarm } from '../../server/features/reports/reports.warm.js';
import { KEPT } from '../../db/queries/reports/laggards-kept.js';
import type { ReportFilter } from '../../db/queries/reports/index.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import type { StepType } from '../../shared/domain/steps.js';
import type { Agent, TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

let t: TestApp;
let office: Agent;
test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});

const DAY = 86_400_000;
/** counties of two provinces, and units without one */
const COUNTIES = ['621223', '621202', '110101', null] as const;
const TYPES: StepType[] = [
  'wiring.scheduled',
  'wiring.started',
  'wiring.refused',
  'wiring.postponed',
  'wiring.completed',
  'connection.scheduled',
  'connection.started',
  'connection.postponed',
  'connection.completed',
  'registration.submitted',
];
const DATA: Partial<Record<StepType, Record<string, string>>> = {
  'wiring.scheduled': { plannedDate: '2026-01-01' },
  'connection.scheduled': { plannedDate: '2026-01-01' },
  'registration.submitted': { platformRef: 'SQ-1' },
  'wiring.refused': { reason: '领导不在' },
  'wiring.postponed': { reason: '办公室装修' },
  'connection.postponed': { reason: '年底忙' },
};

const QUERIES: (ReportFilter & { page: number; pageSize: number })[] = [
  { page: 1, pageSize: 5 },
  { page: 2, pageSize: 5 },
  { page: 1, pageSize: 50 },
  { page: 1, pageSize: 4, category: 'stalled' },
  { page: 2, pageSize: 3, category: 'refused_wiring' },
  { page: 1, pageSize: 10, kind: 'township' },
  { page: 1, pageSize: 10, area: '62' },
  { page: 1, pageSize: 10, area: '11', category: 'overdue_wiring' },
];

/** the kept board and the whole computation, for each query, at `now` */
async function expectSame(now: Date) {
  for (const q of QUERIES) {
    const fresh = await laggardsReport(t.database.db, q, now, null);
    const kept = await laggardsReport(t.database.db, q, now, t.database.db);
    expect(kept, JSON.stringify(q)).toEqual(fresh);
  }
}

const op = fc.oneof(
  fc.record({ op: fc.constant('unit' as const), county: fc.constantFrom(...COUNTIES), kind: fc.constantFrom('township', 'department', 'other') as fc.Arbitrary<'township' | 'department' | 'other'>, wiringDue: fc.option(fc.integer({ min: -20, max: 5 }), { nil: null }) }),
  fc.record({ op: fc.constant('step' as const), pick: fc.nat(1000), type: fc.constantFrom(...TYPES), daysAgo: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ op: fc.constant('void' as const), pick: fc.nat(1000) }),
  fc.record({ op: fc.constant('move' as const), pick: fc.nat(1000), county: fc.constantFrom(...COUNTIES) }),
  fc.record({ op: fc.constant('settings' as const), stallDays: fc.constantFrom(3, 7, 14), postponementLimit: fc.constantFrom(1, 2, 3), grace: fc.constantFrom(3, 7) }),
  fc.record({ op: fc.constant('dayTurn' as const), days: fc.integer({ min: 1, max: 3 }) }),
);

describe('the laggard board kept per county', () => {
  it('is made when the server has started (and at each day\'s turn), before anyone asks', async () => {
    const moved = await t.unit({ areaCode: '110101', wiringStatus: 'blocked', refusedAt: new Date(Date.now() - 3 * DAY) });
    const q = { page: 1, pageSize: 50, area: '11' };
    const before = await laggardsReport(t.database.db, q, undefined, null);
    const server = Fastify({ logger: false });
    keepReportsWarm(server, t.database.db, 0);
    await server.listen({ port: 0, host: '127.0.0.1' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      // moved with the triggers off: only a board kept before the move still counts it in 11
      await t.database.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update units set area_code = '621223' where id = ${moved.id}::uuid`);
      });
      expect((await laggardsReport(t.database.db, q, undefined, null)).total).toBe(before.total - 1);
      expect((await laggardsReport(t.database.db, q, undefined, t.database.db)).total).toBe(before.total);
      // both counties changed since, as the tests below expect of a kept board
      await t.unit({ areaCode: '110101' });
      await t.database.db.execute(sql`update units set revision = revision + 1 where id = ${moved.id}::uuid`);
      expect(await laggardsReport(t.database.db, q, undefined, t.database.db)).toEqual(await laggardsReport(t.database.db, q, undefined, null));
    } finally {
      await server.close();
    }
  });

  it('equals the board computed whole after random steps, voids, units added and moved, settings and day turns', async () => {
    const unitIds: string[] = [];
    const stepIds: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
        let now = new Date();
        for (const o of ops) {
          if (o.op === 'unit' || unitIds.length === 0) {
            const u = o.op === 'unit' ? o : { county: COUNTIES[0], kind: 'township' as const, wiringDue: -3 };
            const wiringDue = u.wiringDue === null ? null : new Date(Date.now() + u.wiringDue * DAY).toISOString().slice(0, 10);
            unitIds.push((await t.unit({ areaCode: u.county, kind: u.kind, wiringDue })).id);
          } else if (o.op === 'step') {
            const unitId = unitIds[o.pick % unitIds.length]!;
            const res = await office.post(`/api/units/${unitId}/events`, {
              type: o.type,
              occurredAt: new Date(Date.now() - o.daysAgo * DAY - 60_000).toISOString(),
              data: DATA[o.type] ?? {},
            });
            // a step the unit's progress does not allow is refused: nothing changed
            if (res.statusCode === 201) stepIds.push(res.json().event.id);
          } else if (o.op === 'void' && stepIds.length > 0) {
            const [id] = stepIds.splice(o.pick % stepIds.length, 1);
            await office.post(`/api/events/${id}/void`, { reason: '记错了' });
          } else if (o.op === 'move') {
            await t.database.db.execute(sql`update units set area_code = ${o.county} where id = ${unitIds[o.pick % unitIds.length]!}::uuid`);
          } else if (o.op === 'settings') {
            const res = await office.put('/api/settings', { ...DEFAULT_SETTINGS, stallDays: o.stallDays, postponementLimit: o.postponementLimit, registrationGraceDays: o.grace });
            expect(res.statusCode, res.body).toBe(200);
          } else if (o.op === 'dayTurn') {
            now = new Date(now.getTime() + o.days * DAY);
          }
          await expectSame(now);
        }
        await office.put('/api/settings', DEFAULT_SETTINGS);
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('cuts the same list as the board computed whole where units tie on all but their id (one code in three counties)', async () => {
    const refusedAt = new Date('2019-03-01T02:00:00Z');
    const tied = [];
    for (const areaCode of ['621223', '621202', '110101']) tied.push((await t.unit({ areaCode, code: 'TIE-001', kind: 'department', wiringStatus: 'blocked', refusedAt, lastEventAt: refusedAt })).id);
    const now = new Date();
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const q = { page, pageSize: 1 };
      const kept = await laggardsReport(t.database.db, q, now, t.database.db);
      expect(kept, JSON.stringify(q)).toEqual(await laggardsReport(t.database.db, q, now, null));
      seen.push(kept.items[0]!.unit.id);
    }
    // refused since 2019: the three are the board's first three, each once, by id
    expect(seen).toEqual([...tied].sort());
  });

  it('is kept: a unit moved with the triggers off is not seen until its county changes again', async () => {
    const a = await t.unit({ areaCode: '621223', wiringStatus: 'blocked', refusedAt: new Date('2018-01-01T00:00:00Z'), lastEventAt: new Date('2018-01-01T00:00:00Z') });
    const q = { page: 1, pageSize: KEPT, area: '62' };
    const now = new Date();
    const before = await laggardsReport(t.database.db, q, now, t.database.db);
    // refused since 2018: the worst of all
    expect(before.items[0]!.unit.id).toBe(a.id);
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update units set area_code = '110101' where id = ${a.id}::uuid`);
    });
    // the kept ids are read whole again (the page's units): the moved unit is no longer in 62 and drops out, the count stays
    expect((await laggardsReport(t.database.db, q, now, t.database.db)).total).toBe(before.total);
    expect((await laggardsReport(t.database.db, q, now, null)).total).toBe(before.total - 1);
    await t.unit({ areaCode: '621223' });
    expect((await laggardsReport(t.database.db, q, now, t.database.db)).total).toBe(before.total - 1);
  });

  it(`hands a page back to the whole computation when a county holds more than ${KEPT} laggards and too few of the filter's are kept`, async () => {
    const county = '620102';
    const refusedAt = new Date(Date.now() - 5 * DAY);
    for (let i = 0; i < KEPT + 20; i++) await t.unit({ areaCode: county, kind: 'department', wiringStatus: 'blocked', refusedAt, lastEventAt: refusedAt });
    // a few townships, all ranked below the refusals: none of them among the county's kept
    for (let i = 0; i < 3; i++) await t.unit({ areaCode: county, kind: 'township', wiringDue: new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10) });
    const now = new Date();
    for (const q of [
      { page: 1, pageSize: 10, area: '62' },
      { page: 2, pageSize: 50, area: '62' },
      { page: 1, pageSize: 10, area: '62', kind: 'township' as const },
      { page: 1, pageSize: 10, kind: 'township' as const },
      { page: 3, pageSize: 50 },
    ]) {
      const fresh = await laggardsReport(t.database.db, q, now, null);
      expect(await laggardsReport(t.database.db, q, now, t.database.db), JSON.stringify(q)).toEqual(fresh);
    }
    // the fixture: the county's townships lag, and rank below its refusals
    const townships = await laggardsReport(t.database.db, { page: 1, pageSize: 10, area: county, kind: 'township' }, now, null);
    expect(townships.total).toBe(3);
    expect(townships.items[0]!.severity).toBeLessThan((await laggardsReport(t.database.db, { page: 1, pageSize: 1, area: county }, now, null)).items[0]!.severity);
  });
});

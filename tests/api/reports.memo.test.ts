// Kept reports (db/queries/reports/memo.ts): a past day's roll-up groups and the training numbers
// are served again while report_data_version (migration 0026) is unchanged. What can change such a
// report must bump it, so that no kept answer outlives the data it was computed from; what cannot
// (a step of today, the stored progress a step writes) must not, or nothing would ever be kept.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/rows.js';
import { reportDataVersion } from '../../db/queries/reports/memo.js';
import { findAreas } from '../../db/queries/areas.js';
import { rollupReport } from '../../server/lib/rollup.js';
import type { Agent, TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { createTraining, trainingBody } from '../helpers/training.js';
import { day, reportsKit } from './reports.kit.js';

let t: TestApp;
let office: Agent;
test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});
const { record } = reportsKit(() => ({ t, office }));

/** 成县 and 文县 of 陇南市: no other test of this file uses them */
const CHENG = '621221';
const WEN = '621222';

const version = () => reportDataVersion(t.database.db);
async function bumps(change: () => Promise<unknown>): Promise<boolean> {
  const before = await version();
  await change();
  return (await version()) !== before;
}

describe('report_data_version', () => {
  it('counts a step dated more than 20 hours back, a void, and a unit added, moved or removed; not a step of now', async () => {
    const unit = await t.unit({ areaCode: CHENG });
    const other = await t.unit({ areaCode: CHENG });
    expect(await bumps(() => record(unit.id, 'wiring.completed', -2))).toBe(true);
    expect(await bumps(() => record(other.id, 'wiring.scheduled', 0))).toBe(false);
    const late = await record(unit.id, 'connection.scheduled', 0);
    expect(await bumps(async () => expect((await office.post(`/api/events/${late.id}/void`, { reason: '记错了' })).statusCode).toBe(200))).toBe(true);
    // the stored progress a step writes is not counted: only the columns a past day reads
    expect(await bumps(() => t.database.db.execute(sql`update units set step_count = step_count, revision = revision + 1 where id = ${unit.id}::uuid`))).toBe(false);
    expect(await bumps(() => t.database.db.execute(sql`update units set area_code = ${WEN} where id = ${unit.id}::uuid`))).toBe(true);
    expect(await bumps(() => t.unit({ areaCode: CHENG }))).toBe(true);
    const gone = await t.unit({ areaCode: CHENG });
    expect(await bumps(() => t.database.db.execute(sql`delete from units where id = ${gone.id}::uuid`))).toBe(true);
  });

  it('counts every change to trainings, attendance, backbones and report-backs', async () => {
    const unit = await t.unit({ areaCode: CHENG });
    let training: { id: string } | undefined;
    expect(await bumps(async () => (training = await createTraining(office, trainingBody({ unitIds: [unit.id] }))))).toBe(true);
    expect(await bumps(() => t.database.db.execute(sql`update training_attendance set status = 'absent' where training_id = ${training!.id}::uuid`))).toBe(true);
    expect(await bumps(() => t.database.db.execute(sql`update trainings set venue = 'x' where id = ${training!.id}::uuid`))).toBe(true);
    expect(
      await bumps(async () => expect((await office.post(`/api/units/${unit.id}/backbones`, { kind: 'primary', name: '张三', post: '办公室主任', phone: '13900000000' })).statusCode).toBeLessThan(300)),
    ).toBe(true);
    expect(await bumps(() => t.database.db.execute(sql`delete from report_backs where unit_id = ${unit.id}::uuid`))).toBe(true);
  });
});

describe('a kept past-day roll-up', () => {
  const row = async (asOf: string) => {
    const res = await office.get(`/api/reports/areas?parent=6212&asOf=${asOf}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.find((r: { area: { code: string } }) => r.area.code === WEN) as { totalUnits: number; onboarded: number };
  };

  it('is served again while nothing counted changed, and computed anew after a step dated in that day', async () => {
    const unit = await t.unit({ areaCode: WEN });
    const decoy = await t.unit({ areaCode: WEN });
    const asOf = day(-5);
    const first = await row(asOf);

    // a unit moved with the triggers off (session_replication_role) is not counted: the answer
    // is the kept one, which still has it in 文县
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update units set area_code = ${CHENG} where id = ${decoy.id}::uuid`);
    });
    expect(await row(asOf)).toMatchObject(first);

    // a unit onboarded six days ago, recorded now: that day's figures change, and are recomputed
    for (const type of ['wiring.completed', 'connection.completed', 'registration.submitted', 'registration.verified'] as const) await record(unit.id, type, -6);
    expect(await row(asOf)).toMatchObject({ onboarded: first.onboarded + 1, totalUnits: first.totalUnits - 1 });
    const [count] = await rowsOf<{ n: string }>(t.database.db, sql`select count(*)::text as n from report_data_version`);
    expect(count!.n).toBe('1');
  });

  it('answers today with a step of now at once', async () => {
    const unit = await t.unit({ areaCode: WEN });
    const before = await row(day(0));
    for (const type of ['wiring.completed', 'connection.completed', 'registration.submitted', 'registration.verified'] as const) await record(unit.id, type, 0);
    expect((await row(day(0))).onboarded).toBe(before.onboarded + 1);
  });
});

describe('today\'s roll-up, kept per county', () => {
  const rowsOf6212 = async (root: object | null) => {
    const [city] = await findAreas(t.database.db, ['6212']);
    const report = await rollupReport(t.database.db, { code: city!.code, name: city!.name, level: city!.level } as never, undefined, undefined, undefined, root);
    const pick = (code: string) => {
      const r = report.items.find((i) => i.area.code === code)!;
      return { totalUnits: r.totalUnits, onboarded: r.onboarded, laggards: r.laggards, byCategory: r.byCategory, stages: r.stages, reviewOverdue: r.reviewOverdue };
    };
    return { [WEN]: pick(WEN), [CHENG]: pick(CHENG) };
  };
  const kept = () => rowsOf6212(t.database.db);
  /** computed afresh, by the roll-up's one query over the city's units */
  const fresh = () => rowsOf6212(null);

  it('groups again only the county whose units changed, and always says what a fresh computation says', async () => {
    const wen = [await t.unit({ areaCode: WEN }), await t.unit({ areaCode: WEN })];
    const cheng = [await t.unit({ areaCode: CHENG }), await t.unit({ areaCode: CHENG })];
    const decoy = await t.unit({ areaCode: WEN });
    const first = await kept();
    expect(first).toEqual(await fresh());

    // a unit moved with the triggers off is not counted: both counties' kept groups are served
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update units set area_code = ${CHENG} where id = ${decoy.id}::uuid`);
    });
    expect(await kept()).toEqual(first);
    // a step in 文县 groups 文县 again (the decoy has left it), 成县's kept groups still stand
    await record(wen[0]!.id, 'wiring.scheduled', 0);
    const afterWen = await kept();
    expect(afterWen[WEN]!.totalUnits).toBe(first[WEN]!.totalUnits - 1);
    expect(afterWen[CHENG]).toEqual(first[CHENG]);
    await record(cheng[0]!.id, 'wiring.scheduled', 0);
    expect((await kept())[CHENG]!.totalUnits).toBe(first[CHENG]!.totalUnits + 1);
    expect(await kept()).toEqual(await fresh());

    // steps, a refusal, a void, a unit added: each answer is the fresh one
    const refused = await record(cheng[1]!.id, 'wiring.refused', 0);
    expect(await kept()).toEqual(await fresh());
    for (const type of ['wiring.completed', 'connection.completed', 'registration.submitted'] as const) {
      await record(wen[1]!.id, type, 0);
      expect(await kept()).toEqual(await fresh());
    }
    expect((await office.post(`/api/events/${refused.id}/void`, { reason: '记错了' })).statusCode).toBe(200);
    expect(await kept()).toEqual(await fresh());
    await t.unit({ areaCode: WEN });
    expect(await kept()).toEqual(await fresh());
  });
});

// Each unit's stored training facts (migration 0027) compare the trainings' last days in the
// installation's zone: changing the zone recomputes every unit. (What the facts say under every
// other change is held to the pure rules by tests/api/training.flags.property.test.ts.)
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/rows.js';
import { progressColumns } from '../../db/queries/units.js';
import { trainingAttendance, trainings, units } from '../../db/schema/index.js';
import { initialProgress } from '../../shared/domain/progress.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('a unit\'s stored training facts', () => {
  it('follow the time zone: a training missed at 23:30 is made up by one ending at 00:30 the next day there, not in UTC', async () => {
    const db = database.db;
    await db.execute(sql`update settings set timezone = 'Asia/Shanghai'`);
    const created = new Date('2026-10-01T00:00:00Z');
    const [unit] = await db.insert(units).values({ code: 'TZ-1', name: '时区测试单位', kind: 'department', createdAt: created, ...progressColumns(initialProgress(created.toISOString())) }).returning();
    const training = async (endsAt: string) =>
      (await db.insert(trainings).values({ title: 't', topics: ['network'], organiser: 'o', venue: 'v', startsAt: new Date(Date.parse(endsAt) - 3600_000), endsAt: new Date(endsAt), required: {}, signSecret: 's', closedAt: new Date(endsAt) }).returning())[0]!;
    // 23:30 and 00:30 the next day in 宕昌 (UTC+8); both on 2026-11-01 in UTC
    const missed = await training('2026-11-01T15:30:00Z');
    const madeUp = await training('2026-11-01T16:30:00Z');
    await db.insert(trainingAttendance).values([
      { trainingId: missed.id, unitId: unit!.id, status: 'absent' },
      { trainingId: madeUp.id, unitId: unit!.id, status: 'attended' },
    ]);
    const facts = async () => (await rowsOf<{ absent: string | null; report: string | null }>(db, sql`select training_absent_from::text as absent, training_report_from::text as report from units where id = ${unit!.id}::uuid`))[0]!;
    expect(await facts()).toMatchObject({ absent: null });
    expect((await facts()).report).not.toBeNull();

    await db.execute(sql`update settings set timezone = 'UTC'`);
    expect((await facts()).absent).not.toBeNull();
    expect(new Date((await facts()).absent!).toISOString()).toBe('2026-11-01T15:30:00.000Z');
    await db.execute(sql`update settings set timezone = 'Asia/Shanghai'`);
    expect((await facts()).absent).toBeNull();
  });
});

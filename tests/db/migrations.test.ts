// Migrations that fill new columns from data already stored must fill them as the code would.
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../db/client.js';
import { notices, units } from '../../db/schema/index.js';
import { rowsOf } from '../../db/rows.js';
import { progressColumns } from '../../db/queries/units.js';
import { type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { BODIES, bringTo } from '../helpers/steps.js';

let t: TestApp;
let office: Agent;
test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});

describe('0003: the laggard facts as columns', () => {
  it('fills them from the stored progress exactly as the write path does', async () => {
    const refused = await t.unit();
    await office.post(`/api/units/${refused.id}/events`, BODIES['wiring.refused']);
    const postponed = await t.unit();
    await office.post(`/api/units/${postponed.id}/events`, BODIES['wiring.postponed']);
    await office.post(`/api/units/${postponed.id}/events`, BODIES['wiring.postponed']);
    const connected = await t.unit();
    await bringTo(office, connected.id, 'connected');
    const fresh = await t.unit();
    const resumed = await t.unit();
    await office.post(`/api/units/${resumed.id}/events`, BODIES['wiring.refused']);
    expect((await office.post(`/api/units/${resumed.id}/events`, BODIES['wiring.started'])).statusCode).toBe(201);
    const ids = [refused.id, postponed.id, connected.id, fresh.id, resumed.id];

    const read = async () =>
      Promise.all(ids.map(async (id) => (await t.database.db.select().from(units).where(eq(units.id, id)))[0]));
    const written = await read();
    // as a database from before 0003 would hold them
    await t.database.db.execute(sql`update units set refused_at = null, postponements = 0, first_postponed_at = null, connection_at = null`);
    const backfill = readFileSync(`${migrationsFolder}/0003_unit_flag_facts.sql`, 'utf8').split('--> statement-breakpoint').at(-1)!;
    await t.database.db.execute(sql.raw(backfill));

    const filled = await read();
    for (const [i, row] of filled.entries()) {
      const expected = progressColumns(row.progress);
      expect(row.refusedAt).toEqual(expected.refusedAt);
      expect(row.postponements).toBe(expected.postponements);
      expect(row.firstPostponedAt).toEqual(expected.firstPostponedAt);
      expect(row.connectionAt).toEqual(expected.connectionAt);
      expect(row).toEqual(written[i]);
    }
    expect(filled[0].refusedAt).not.toBeNull();
    expect(filled[1].postponements).toBe(2);
    expect(filled[2].connectionAt).not.toBeNull();
    expect(filled[4].refusedAt).toBeNull(); // a refusal that no longer blocks wiring
  });
});

describe('0010: the audit log’s filter indexes', () => {
  it('are made over a log that already has rows, and making them again changes nothing', async () => {
    const unit = await t.unit();
    await office.post(`/api/units/${unit.id}/events`, BODIES['wiring.started']);
    // as a database from before 0010 would be, then migrated again: the script runs over existing rows
    await t.database.db.execute(sql`drop index if exists audit_target_at_idx`);
    await t.database.db.execute(sql`drop index if exists audit_actor_at_idx`);
    const script = readFileSync(`${migrationsFolder}/0010_audit_filters.sql`, 'utf8');
    for (const statement of script.split('--> statement-breakpoint')) await t.database.db.execute(sql.raw(statement));
    await t.database.db.execute(sql.raw(script.split('--> statement-breakpoint')[0])); // and again: idempotent

    const result = (await t.database.db.execute(sql`select indexname, indexdef from pg_indexes where tablename = 'audit' and indexname in ('audit_target_at_idx', 'audit_actor_at_idx') order by indexname`)) as unknown as
      | { indexname: string; indexdef: string }[]
      | { rows: { indexname: string; indexdef: string }[] };
    const rows = Array.isArray(result) ? result : result.rows;
    expect(rows.map((r) => r.indexname)).toEqual(['audit_actor_at_idx', 'audit_target_at_idx']);
    expect(rows[1].indexdef).toMatch(/\(target, at\)/);
    expect((await office.get(`/api/audit?unit=${unit.id}`)).json().total).toBe(1);
  });
});

describe('0015: the area tree', () => {
  it('holds reference/china-areas.csv exactly, parents before children', async () => {
    const { readAreasCsv } = await import('../../scripts/ops/areas-migration.js');
    const csv = readAreasCsv();
    const rows = await rowsOf<{ code: string; name: string; level: string; parent_code: string | null }>(t.database.db, sql`select code, name, level, parent_code from areas order by code`);
    expect(rows.length).toBe(3351);
    expect(rows).toEqual(
      csv.map((r) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode || null })).sort((a, b) => a.code.localeCompare(b.code)),
    );
    expect(rows.find((r) => r.code === '621223')).toEqual({ code: '621223', name: '宕昌县', level: 'county', parent_code: '6212' });
  });

  it('is the file the generator writes from the CSV (an edited CSV needs a new migration)', async () => {
    const { areasMigrationSql, readAreasCsv } = await import('../../scripts/ops/areas-migration.js');
    expect(readFileSync(`${migrationsFolder}/0015_areas.sql`, 'utf8')).toBe(areasMigrationSql(readAreasCsv()));
  });

  it('places existing units in their county: a township by its code, a department by a 片区 that names a county or a township', async () => {
    const township = await t.unit({ code: `621223${String(Math.floor(Math.random() * 900) + 100)}`, kind: 'township' });
    const byCounty = await t.unit({ parentCode: '621202' });
    const byTownship = await t.unit({ parentCode: '621223100' });
    const free = await t.unit({ parentCode: '城关片区' });
    const notACounty = await t.unit({ code: '999999001', kind: 'township' });
    const ids = [township.id, byCounty.id, byTownship.id, free.id, notACounty.id];
    await t.database.db.execute(sql`update units set area_code = null`);
    const backfill = readFileSync(`${migrationsFolder}/0015_areas.sql`, 'utf8').split('--> statement-breakpoint').at(-1)!;
    await t.database.db.execute(sql.raw(backfill));
    const placed = await Promise.all(ids.map(async (id) => (await t.database.db.select({ a: units.areaCode }).from(units).where(eq(units.id, id)))[0].a));
    expect(placed).toEqual(['621223', '621202', '621223', null, null]);
  });
});

describe('0016: a notice holds the answer or the withdrawal, never both', () => {
  it('leaves a notice that already holds both as it is (reported, never rewritten), and refuses making another', async () => {
    const unit = await t.unit();
    const db = t.database.db;
    const seq = () => 700000 + Math.floor(Math.random() * 99999);
    const base = { year: 2026, unitId: unit.id, unitCode: unit.code, unitName: unit.name, flags: [], severity: 5, issuedOn: '2026-11-01', respondBy: '2026-11-08', issuedByName: 'x' };
    // as a database from before 0016 could hold it: answered, then withdrawn (an insert, which the trigger does not see)
    const [both] = await db
      .insert(notices)
      .values({ ...base, seq: seq(), answerText: '已布线', answeredAt: new Date('2026-11-02T02:00:00Z'), answeredByName: 'u', withdrawReason: '发错了', withdrawnAt: new Date('2026-11-03T02:00:00Z'), withdrawnByName: 'o' })
      .returning();
    const [answered] = await db.insert(notices).values({ ...base, seq: seq(), answerText: '收到', answeredAt: new Date(), answeredByName: 'u' }).returning();
    const script = readFileSync(`${migrationsFolder}/0016_notice_answer_or_withdrawal.sql`, 'utf8');
    for (const statement of script.split('--> statement-breakpoint')) await db.execute(sql.raw(statement)); // again: idempotent
    const [kept] = await db.select().from(notices).where(eq(notices.id, both.id));
    expect(kept).toEqual(both);
    await expect(db.update(notices).set({ withdrawReason: '再撤' }).where(eq(notices.id, both.id))).rejects.toThrow();
    await expect(db.update(notices).set({ withdrawReason: 'x', withdrawnAt: new Date(), withdrawnByName: 'o' }).where(eq(notices.id, answered.id))).rejects.toThrow();
    expect((await db.select().from(notices).where(eq(notices.id, answered.id)))[0]).toEqual(answered);
  });
});

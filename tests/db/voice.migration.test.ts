// 0019: notices issued before numbering per issuing area keep the numbers they printed, signed as
// the installation signed them then; what a notice was issued under never changes afterwards.
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { migrationsFolder } from '../../db/client.js';
import { notices } from '../../db/schema/index.js';
import { test } from '../helpers/fixture.js';

const statements = () => readFileSync(`${migrationsFolder}/0019_level_voice.sql`, 'utf8').split('--> statement-breakpoint');

describe('0019: existing notices keep their numbers', () => {
  test('a notice from before it reads with its installation-wide number and the 落款 of its day, and these never change', async ({ t, office }) => {
    const unit = await t.unit();
    const db = t.database.db;
    await office.put('/api/settings', { ...((await office.get('/api/settings')).json() as object), signingOffice: '宕昌县人民政府办公室' });
    // as 0014 wrote it: no issuer, no number text
    const [old] = await db
      .insert(notices)
      .values({ year: 2026, seq: 16, unitId: unit.id, unitCode: unit.code, unitName: unit.name, flags: [], severity: 5, issuedOn: '2026-11-01', respondBy: '2099-11-08', issuedByName: 'x' })
      .returning();
    const backfill = statements().find((s) => s.includes('UPDATE "notices" SET'))!;
    await db.execute(sql.raw(backfill));
    const [kept] = await db.select().from(notices).where(eq(notices.id, old.id));
    expect(kept).toMatchObject({ issuerCode: '', number: '催办〔2026〕第 16 号', issuerOffice: '宕昌县人民政府办公室' });
    const read = (await office.get(`/api/notices/${old.id}`)).json().notice;
    expect(read).toMatchObject({ number: '催办〔2026〕第 16 号', issuer: { areaCode: null, signingOffice: '宕昌县人民政府办公室' } });
    await expect(db.update(notices).set({ number: '宕政办催〔2026〕1号' }).where(eq(notices.id, old.id))).rejects.toThrow();
    await expect(db.update(notices).set({ issuerOffice: '别的办公室' }).where(eq(notices.id, old.id))).rejects.toThrow();
  });
});

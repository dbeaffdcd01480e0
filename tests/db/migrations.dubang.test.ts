// 0020: a notice names one addressee — a unit, or an area with its snapshot (督办) — and the
// trigger keeps what was issued, the area and its snapshot included, as it was; an answer and a
// withdrawal still exclude each other (0016).
import { eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { notices } from '../../db/schema/index.js';
import { type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

let t: TestApp;
test.beforeAll(({ t: testApp }) => {
  t = testApp;
});

const seq = () => 600000 + Math.floor(Math.random() * 99999);
const snapshot = { row: { totalUnits: 3, onboarded: 1, onboardedShare: 1 / 3, laggards: 2, byCategory: { refused_wiring: 2 } }, worst: [] };
const base = { year: 2026, unitCode: '621223', unitName: '宕昌县', flags: [], severity: 5, issuedOn: '2026-11-01', respondBy: '2026-11-08', issuedByName: 'x' };

describe('0020: a 督办 to an area', () => {
  test('names exactly one addressee, an area with its snapshot', async () => {
    const db = t.database.db;
    const unit = await t.unit();
    await expect(db.insert(notices).values({ ...base, seq: seq(), unitId: null, targetArea: null })).rejects.toThrow();
    await expect(db.insert(notices).values({ ...base, seq: seq(), unitId: unit.id, targetArea: '621223', snapshot })).rejects.toThrow();
    await expect(db.insert(notices).values({ ...base, seq: seq(), unitId: null, targetArea: '621223', snapshot: null })).rejects.toThrow();
    await expect(db.insert(notices).values({ ...base, seq: seq(), unitId: null, targetArea: '999999', snapshot })).rejects.toThrow();
    const [ok] = await db.insert(notices).values({ ...base, seq: seq(), unitId: null, targetArea: '621223', snapshot }).returning();
    expect(ok.targetArea).toBe('621223');
  });

  test('keeps the area and the snapshot as issued, and answer XOR withdrawal', async () => {
    const db = t.database.db;
    const [row] = await db.insert(notices).values({ ...base, seq: seq(), unitId: null, targetArea: '621223', snapshot }).returning();
    await expect(db.update(notices).set({ targetArea: '621202' }).where(eq(notices.id, row.id))).rejects.toThrow();
    await expect(db.update(notices).set({ snapshot: { ...snapshot, worst: [] , row: { ...snapshot.row, laggards: 0 } } }).where(eq(notices.id, row.id))).rejects.toThrow();
    await db.update(notices).set({ answerText: '已落实', answeredAt: new Date(), answeredByName: '宕昌县政府办' }).where(eq(notices.id, row.id));
    await expect(db.update(notices).set({ withdrawReason: '发错了', withdrawnAt: new Date(), withdrawnByName: 'o' }).where(eq(notices.id, row.id))).rejects.toThrow();
    await expect(db.delete(notices).where(eq(notices.id, row.id))).rejects.toThrow();
    const [kept] = await db.select().from(notices).where(eq(notices.id, row.id));
    expect(kept).toMatchObject({ targetArea: '621223', snapshot, answerText: '已落实', withdrawnAt: null });
  });
});

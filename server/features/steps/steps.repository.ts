import { and, asc, count, desc, eq, gte, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { steps } from '../../../db/schema/index.js';
import type { StepFact } from '../../../shared/domain/progress.js';
import type { Step } from '../../../shared/schemas/steps.js';
import { iso } from '../../lib/time.js';

export type StepRow = typeof steps.$inferSelect;
type Role = Step['actor']['role'];

export const toStep = (r: StepRow): Step => ({
  id: r.id,
  unitId: r.unitId,
  type: r.type,
  stage: r.stage as Step['stage'],
  occurredAt: iso(r.occurredAt),
  recordedAt: iso(r.recordedAt),
  actor: { id: r.actorId, displayName: r.actorName, role: r.actorRole as Role },
  note: r.note,
  data: r.data,
  clientEventId: r.clientEventId,
  voided: r.voided,
  ...(r.voided
    ? {
        voidReason: r.voidReason ?? undefined,
        voidedAt: r.voidedAt ? iso(r.voidedAt) : undefined,
        voidedBy: { id: r.voidedBy, displayName: r.voidedByName ?? '', role: 'office' as const },
      }
    : {}),
});

export const toFact = (r: StepRow): StepFact => ({ type: r.type as StepFact['type'], occurredAt: iso(r.occurredAt), data: r.data });

export async function findStep(db: DbOrTx, id: string): Promise<StepRow | undefined> {
  const [row] = await db.select().from(steps).where(eq(steps.id, id)).limit(1);
  return row;
}

export async function findByClientEventId(db: DbOrTx, clientEventId: string): Promise<StepRow | undefined> {
  const [row] = await db.select().from(steps).where(eq(steps.clientEventId, clientEventId)).limit(1);
  return row;
}

/** A unit's live steps in the order the stage machine saw them. */
export async function liveSteps(db: DbOrTx, unitId: string): Promise<StepRow[]> {
  return db.select().from(steps).where(and(eq(steps.unitId, unitId), eq(steps.voided, false))).orderBy(asc(steps.seq));
}

export async function latestLiveStep(db: DbOrTx, unitId: string): Promise<StepRow | undefined> {
  const [row] = await db
    .select()
    .from(steps)
    .where(and(eq(steps.unitId, unitId), eq(steps.voided, false)))
    .orderBy(desc(steps.seq))
    .limit(1);
  return row;
}

export async function listUnitSteps(db: DbOrTx, unitId: string, page: { page: number; pageSize: number }) {
  const filter = eq(steps.unitId, unitId);
  const [rows, [total]] = await Promise.all([
    db.select().from(steps).where(filter).orderBy(asc(steps.seq)).limit(page.pageSize).offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(steps).where(filter),
  ]);
  return { items: rows.map(toStep), total: total.n, page: page.page, pageSize: page.pageSize };
}

export async function listFeed(db: DbOrTx, q: { page: number; pageSize: number; unitId?: string; type?: string; since?: string }) {
  const where: SQL[] = [];
  if (q.unitId) where.push(eq(steps.unitId, q.unitId));
  if (q.type) where.push(eq(steps.type, q.type));
  if (q.since) where.push(gte(steps.recordedAt, new Date(q.since)));
  const filter = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(steps)
      .where(filter)
      .orderBy(desc(steps.recordedAt), desc(steps.seq))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(steps).where(filter),
  ]);
  return { items: rows.map(toStep), total: total.n, page: q.page, pageSize: q.pageSize };
}

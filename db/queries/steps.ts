// The steps' SQL: a step through the caller's reach, a unit's steps, the feed, and the two
// writes (the one-statement append, the void). The rules are server/features/steps/steps.service.ts's.
import { paginate } from '../paginate.js';
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { steps, units } from '../schema/index.js';
import type { Progress, StepFact } from '../../shared/domain/progress.js';
import type { Step } from '../../shared/schemas/steps.js';
import { isUuid } from '../../server/lib/errors.js';
import { iso } from '../../server/lib/time.js';
import { inScopeSql, unitInReach, type Reach } from './reach.js';
import { progressColumns, progressFacts } from './units.js';

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

/** A step whose unit lies inside the reach; otherwise none, as for an id that names nothing. */
export async function findStepInReach(db: DbOrTx, reach: Reach, id: string): Promise<StepRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({ step: steps })
    .from(steps)
    .innerJoin(units, eq(units.id, steps.unitId))
    .where(and(eq(steps.id, id), unitInReach(reach, { id: sql`${units.id}`, area: sql`${units.areaCode}` })))
    .limit(1);
  return row?.step;
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
  return paginate(db, page, { table: steps, filter, select: (limit, offset) => db.select().from(steps).where(filter).orderBy(asc(steps.seq)).limit(limit).offset(offset) }, toStep);
}

/** The feed of steps; `area` (already narrowed to the caller's scope, null for all): only its units' steps. */
export async function listFeed(db: DbOrTx, q: { page: number; pageSize: number; unitId?: string; type?: string; since?: string; area: string | null }) {
  const where: SQL[] = [];
  if (q.area) where.push(sql`${steps.unitId} in (select u.id from units u where ${inScopeSql(q.area)})`);
  if (q.unitId) where.push(eq(steps.unitId, q.unitId));
  if (q.type) where.push(eq(steps.type, q.type));
  if (q.since) where.push(gte(steps.recordedAt, new Date(q.since)));
  const filter = where.length ? and(...where) : undefined;
  const select = (limit: number, offset: number) => db.select().from(steps).where(filter).orderBy(desc(steps.recordedAt), desc(steps.seq)).limit(limit).offset(offset);
  return paginate(db, q, { table: steps, filter, select }, toStep);
}

export interface Append {
  unitId: string;
  seq: number;
  type: string;
  stage: string;
  occurredAt: Date;
  actor: { id: string; username: string; displayName: string; role: string };
  note: string | null;
  data: Record<string, unknown>;
  clientEventId: string | null;
  /** the unit's progress after the step, stored in the same statement */
  progress: Progress;
  /** the unit's revision when its progress was read */
  revision: number;
  ip: string;
  /** the channel to announce the step on, heard at commit */
  channel: string;
}

/**
 * The hot path of every write: appends the step, stores the unit's new progress, writes the
 * audit row and announces the step, in ONE statement (one round trip instead of four).
 * It writes only if the unit's revision is still `a.revision`, i.e. no step and no void changed
 * its progress since it was read; otherwise it writes nothing and answers undefined
 * (compare-and-swap), so it is safe outside a transaction. Every parameter is cast: in
 * INSERT … SELECT, PostgreSQL would otherwise take an untyped parameter as text.
 */
export async function appendStep(db: DbOrTx, a: Append): Promise<StepRow | undefined> {
  const id = randomUUID();
  const p = a.progress;
  const f = progressFacts(p);
  const announced = JSON.stringify({ unitId: a.unitId, stepId: id, type: a.type, voided: false });
  const result = (await db.execute(sql`
    with unit as (
      update units set progress = ${JSON.stringify(p)}::jsonb, wiring_status = ${f.wiringStatus}::text,
        connection_status = ${f.connectionStatus}::text, registration_status = ${f.registrationStatus}::text,
        onboarded = ${f.onboarded}::boolean, last_event_at = ${f.lastEventAt}::timestamptz, refused_at = ${f.refusedAt}::timestamptz,
        postponements = ${f.postponements}::int, first_postponed_at = ${f.firstPostponedAt}::timestamptz,
        connection_at = ${f.connectionAt}::timestamptz, step_count = step_count + 1, revision = revision + 1
      where id = ${a.unitId}::uuid and revision = ${a.revision}::int
      returning id
    ), step as (
      insert into steps (id, unit_id, seq, type, stage, occurred_at, actor_id, actor_name, actor_role, note, data, client_event_id)
      select ${id}::uuid, unit.id, ${a.seq}::int, ${a.type}::text, ${a.stage}::text, ${a.occurredAt.toISOString()}::timestamptz,
        ${a.actor.id}::uuid, ${a.actor.displayName}::text, ${a.actor.role}::text, ${a.note}::text, ${JSON.stringify(a.data)}::jsonb,
        ${a.clientEventId}::uuid
      from unit
      returning recorded_at
    ), audit_row as (
      insert into audit (actor_id, actor_username, actor_role, action, target, ip, details)
      select ${a.actor.id}::uuid, ${a.actor.username}::text, ${a.actor.role}::text, 'step.record', ${`unit:${a.unitId}`}::text,
        ${a.ip}::text, ${JSON.stringify({ stepId: id, type: a.type })}::jsonb
      from unit
    )
    select (extract(epoch from recorded_at) * 1000)::float8 as recorded_ms, pg_notify(${a.channel}::text, ${announced}::text) from step`)) as unknown as
    | { recorded_ms: number }[]
    | { rows: { recorded_ms: number }[] };
  const [row] = Array.isArray(result) ? result : result.rows;
  if (!row) return undefined;
  return {
    id,
    unitId: a.unitId,
    seq: a.seq,
    type: a.type,
    stage: a.stage,
    occurredAt: a.occurredAt,
    recordedAt: new Date(Number(row.recorded_ms)),
    actorId: a.actor.id,
    actorName: a.actor.displayName,
    actorRole: a.actor.role,
    note: a.note,
    data: a.data,
    clientEventId: a.clientEventId,
    voided: false,
    voidedAt: null,
    voidedBy: null,
    voidedByName: null,
    voidReason: null,
  };
}

/** Marks a step void by `by`, and stores its unit's progress as the remaining steps give it (bumping the revision). */
export async function markVoided(
  tx: DbOrTx,
  a: { stepId: string; unitId: string; by: { id: string; displayName: string }; reason: string; progress: Progress },
): Promise<StepRow> {
  const [row] = await tx
    .update(steps)
    .set({ voided: true, voidedAt: new Date(), voidedBy: a.by.id, voidedByName: a.by.displayName, voidReason: a.reason })
    .where(eq(steps.id, a.stepId))
    .returning();
  await tx
    .update(units)
    .set({ ...progressColumns(a.progress), revision: sql`${units.revision} + 1` })
    .where(eq(units.id, a.unitId));
  return row;
}

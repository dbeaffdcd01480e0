// Training the units' IT backbone: the backbone people, the trainings, their enrolled units'
// attendance and the report-backs (docs/contract/training.md). A training is reached by the
// caller whose scope holds its area; a unit's contact reaches the trainings its unit is enrolled in.
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { rowsOf } from '../rows.js';
import { backbones, reportBacks, trainingAttendance, trainingAttendanceEvents, trainings, units } from '../schema/index.js';
import { inScopeSql, unitInReach, type Reach } from './reach.js';

export type BackboneRow = typeof backbones.$inferSelect;
export type TrainingRow = typeof trainings.$inferSelect;
export type AttendanceRow = typeof trainingAttendance.$inferSelect;
export type ReportBackRow = typeof reportBacks.$inferSelect;

/** The unit, if the reach holds it, locked for a write when `lock`. */
export async function unitInReachById(db: DbOrTx, reach: Reach, unitId: string, lock = false) {
  const [row] = await rowsOf<{ id: string; code: string; name: string; kind: string; area_code: string | null }>(
    db,
    sql`select u.id, u.code, u.name, u.kind, u.area_code from units u where u.id = ${unitId}::uuid and ${unitInReach(reach)}${lock ? sql` for update` : sql``}`,
  );
  return row;
}

export async function backbonesOf(db: DbOrTx, unitId: string): Promise<BackboneRow[]> {
  return db.select().from(backbones).where(eq(backbones.unitId, unitId)).orderBy(desc(backbones.since), desc(backbones.createdAt));
}

/** Names a backbone person: the current one of that kind, if any, ends on the new one's first day. */
export async function nameBackbone(tx: DbOrTx, v: { unitId: string; kind: 'primary' | 'deputy'; name: string; post: string | null; phone: string | null; since: string; by: string }) {
  const ended = await tx
    .update(backbones)
    .set({ endedAt: v.since })
    .where(and(eq(backbones.unitId, v.unitId), eq(backbones.kind, v.kind), isNull(backbones.endedAt)))
    .returning();
  const [row] = await tx.insert(backbones).values({ unitId: v.unitId, kind: v.kind, name: v.name, post: v.post, phone: v.phone, since: v.since, createdBy: v.by }).returning();
  return { backbone: row!, ended: ended[0] ?? null };
}

/** The trainings a reach sees: its scope's (a null-area training only by a whole-installation caller), or its unit's. */
function trainingInReach(reach: Reach): SQL {
  if (reach.role === 'unit') {
    return reach.unitId ? sql`exists (select 1 from training_attendance a where a.training_id = t.id and a.unit_id = ${reach.unitId}::uuid)` : sql`false`;
  }
  return reach.scope === null ? sql`true` : inScopeSql(reach.scope, sql`t.area_code`);
}

const trainingColumns = sql.raw('t.id');

export async function trainingIdsInReach(db: DbOrTx, reach: Reach, f: { id?: string; area?: string | null; lock?: boolean }): Promise<string[]> {
  const parts = [trainingInReach(reach)];
  if (f.id) parts.push(sql`t.id = ${f.id}::uuid`);
  if (f.area) parts.push(inScopeSql(f.area, sql`t.area_code`));
  const rows = await rowsOf<{ id: string }>(db, sql`select ${trainingColumns} from trainings t where ${sql.join(parts, sql` and `)} order by t.starts_at desc${f.lock ? sql` for update` : sql``}`);
  return rows.map((r) => r.id);
}

export async function trainingsByIds(db: DbOrTx, ids: string[]): Promise<TrainingRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(trainings).where(inArray(trainings.id, ids)).orderBy(desc(trainings.startsAt));
}

/** Per training: its units by attendance status, and how many reported back (submitted or accepted). */
export async function countsOf(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return new Map<string, Record<'enrolled' | 'attended' | 'absent' | 'excused' | 'invited' | 'reportedBack', number>>();
  const rows = await rowsOf<{ id: string; enrolled: number; attended: number; absent: number; excused: number; invited: number; reported: number }>(
    db,
    sql`select a.training_id as id, count(*)::int as enrolled,
        (count(*) filter (where a.status = 'attended'))::int as attended,
        (count(*) filter (where a.status = 'absent'))::int as absent,
        (count(*) filter (where a.status = 'excused'))::int as excused,
        (count(*) filter (where a.status = 'invited'))::int as invited,
        (count(r.id) filter (where r.status in ('submitted', 'accepted')))::int as reported
      from training_attendance a left join report_backs r on r.training_id = a.training_id and r.unit_id = a.unit_id
      where a.training_id in (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})
      group by a.training_id`,
  );
  return new Map(rows.map((r) => [r.id, { enrolled: r.enrolled, attended: r.attended, absent: r.absent, excused: r.excused, invited: r.invited, reportedBack: r.reported }]));
}

/** The units of `area` (a scope; null: all) of the kinds, plus the named ones inside it. */
export async function unitsToEnrol(db: DbOrTx, area: string | null, required: { kinds?: string[]; unitIds?: string[] }): Promise<{ ids: string[]; named: number }> {
  const kinds = required.kinds ?? [];
  const named = [...new Set(required.unitIds ?? [])];
  const byKind = kinds.length ? sql`u.kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})` : sql`false`;
  const byId = named.length ? sql`u.id::text in (${sql.join(named.map((i) => sql`${i}`), sql`, `)})` : sql`false`;
  const rows = await rowsOf<{ id: string; named: boolean }>(db, sql`select u.id, ${byId} as named from units u where ${inScopeSql(area)} and (${byKind} or ${byId}) order by u.code`);
  return { ids: rows.map((r) => r.id), named: rows.filter((r) => r.named).length };
}

export async function insertTraining(tx: DbOrTx, v: typeof trainings.$inferInsert, unitIds: string[]): Promise<TrainingRow> {
  const [row] = await tx.insert(trainings).values(v).returning();
  for (let i = 0; i < unitIds.length; i += 1000) {
    await tx.insert(trainingAttendance).values(unitIds.slice(i, i + 1000).map((unitId) => ({ trainingId: row!.id, unitId })));
  }
  return row!;
}

/** Whether any enrolled unit's attendance is recorded (anything but invited). */
export async function attendanceRecorded(db: DbOrTx, trainingId: string): Promise<boolean> {
  const [row] = await rowsOf<{ yes: boolean }>(db, sql`select exists (select 1 from training_attendance where training_id = ${trainingId}::uuid and status <> 'invited') as yes`);
  return row?.yes === true;
}

export async function updateTraining(tx: DbOrTx, id: string, set: Partial<typeof trainings.$inferInsert>): Promise<void> {
  await tx.update(trainings).set(set).where(eq(trainings.id, id));
}

export interface RosterRow {
  unit_id: string;
  code: string;
  name: string;
  kind: 'township' | 'department' | 'other';
  status: AttendanceRow['status'];
  attendee: string | null;
  method: AttendanceRow['method'];
  at_ms: number | null;
  by_name: string | null;
  reason: string | null;
  rb_id: string | null;
  rb_status: ReportBackRow['status'] | null;
  rb_reported_on: string | null;
  rb_return_reason: string | null;
}

/** The roster in unit-code order; `unitId`: that unit's row only. */
export async function rosterOf(db: DbOrTx, trainingId: string, unitId?: string): Promise<RosterRow[]> {
  return rowsOf<RosterRow>(
    db,
    sql`select u.id as unit_id, u.code, u.name, u.kind, a.status, a.attendee, a.method,
        round(extract(epoch from a.at) * 1000)::float8 as at_ms, a.by_name, a.reason,
        r.id as rb_id, r.status as rb_status, r.reported_on::text as rb_reported_on, r.return_reason as rb_return_reason
      from training_attendance a join units u on u.id = a.unit_id
      left join report_backs r on r.training_id = a.training_id and r.unit_id = a.unit_id
      where a.training_id = ${trainingId}::uuid${unitId ? sql` and a.unit_id = ${unitId}::uuid` : sql``}
      order by u.code collate "C"`,
  );
}

/** The attendance row, locked. */
export async function attendanceFor(tx: DbOrTx, trainingId: string, unitId: string): Promise<AttendanceRow | undefined> {
  const [row] = await tx
    .select()
    .from(trainingAttendance)
    .where(and(eq(trainingAttendance.trainingId, trainingId), eq(trainingAttendance.unitId, unitId)))
    .for('update');
  return row;
}

export async function writeAttendance(tx: DbOrTx, trainingId: string, unitId: string, set: Partial<AttendanceRow>): Promise<AttendanceRow> {
  const [row] = await tx
    .update(trainingAttendance)
    .set(set)
    .where(and(eq(trainingAttendance.trainingId, trainingId), eq(trainingAttendance.unitId, unitId)))
    .returning();
  return row!;
}

/** Records a client event id once: false when it was already recorded (the outbox sent it again). */
export async function claimClientEvent(tx: DbOrTx, clientEventId: string, trainingId: string, unitId: string): Promise<boolean> {
  const rows = await tx.insert(trainingAttendanceEvents).values({ clientEventId, trainingId, unitId }).onConflictDoNothing().returning();
  return rows.length > 0;
}

/** Closing: every unit still invited becomes absent. */
export async function closeTraining(tx: DbOrTx, id: string, at: Date, by: { id: string; name: string }): Promise<number> {
  await tx.update(trainings).set({ closedAt: at }).where(eq(trainings.id, id));
  const rows = await tx
    .update(trainingAttendance)
    .set({ status: 'absent', at, byId: by.id, byName: by.name, method: 'office' })
    .where(and(eq(trainingAttendance.trainingId, id), eq(trainingAttendance.status, 'invited')))
    .returning({ unitId: trainingAttendance.unitId });
  return rows.length;
}

export async function reportBackFor(tx: DbOrTx, trainingId: string, unitId: string): Promise<ReportBackRow | undefined> {
  const [row] = await tx.select().from(reportBacks).where(and(eq(reportBacks.trainingId, trainingId), eq(reportBacks.unitId, unitId))).for('update');
  return row;
}

/** Submits (or, after a return, submits again in its place) a unit's report-back. */
export async function upsertReportBack(tx: DbOrTx, v: Omit<typeof reportBacks.$inferInsert, 'id' | 'status'>): Promise<ReportBackRow> {
  const values = { ...v, status: 'submitted' as const, returnReason: null, submittedAt: new Date(), reviewedAt: null, reviewedBy: null };
  const [row] = await tx.insert(reportBacks).values(values).onConflictDoUpdate({ target: [reportBacks.trainingId, reportBacks.unitId], set: values }).returning();
  return row!;
}

/** A report-back by id, locked, with its training's id: the service checks the training's reach. */
export async function reportBackById(tx: DbOrTx, id: string): Promise<ReportBackRow | undefined> {
  const [row] = await tx.select().from(reportBacks).where(eq(reportBacks.id, id)).for('update');
  return row;
}

export async function reviewReportBack(tx: DbOrTx, id: string, v: { status: 'accepted' | 'returned'; reason: string | null; by: string }): Promise<ReportBackRow> {
  const [row] = await tx.update(reportBacks).set({ status: v.status, returnReason: v.reason, reviewedAt: new Date(), reviewedBy: v.by }).where(eq(reportBacks.id, id)).returning();
  return row!;
}

/** The enrolled units' names for the public sign-in page (names only: no contacts, no codes). */
export async function enrolledNames(db: DbOrTx, trainingId: string) {
  return db
    .select({ id: units.id, name: units.name })
    .from(trainingAttendance)
    .innerJoin(units, eq(units.id, trainingAttendance.unitId))
    .where(eq(trainingAttendance.trainingId, trainingId))
    .orderBy(asc(units.code));
}

/** The training; `share`: locked against closing and moving it (a write that only reads it). */
export async function trainingById(db: DbOrTx, id: string, lock?: 'share'): Promise<TrainingRow | undefined> {
  const query = db.select().from(trainings).where(eq(trainings.id, id));
  const [row] = lock ? await query.for(lock) : await query;
  return row;
}

/** What the pure training rules read of one unit (shared/domain/training-flags.ts), its days in `tz`. */
export async function unitTrainingFacts(db: DbOrTx, unitId: string, tz: string) {
  const [primary] = await rowsOf<{ ok: boolean }>(db, sql`select exists (select 1 from backbones where unit_id = ${unitId}::uuid and kind = 'primary' and ended_at is null) as ok`);
  const enrolments = await rowsOf<{ training_id: string; topics: string[]; last_day: string; closed_on: string | null; status: AttendanceRow['status']; report: ReportBackRow['status'] | null }>(
    db,
    sql`select t.id as training_id, t.topics, ((t.ends_at at time zone ${tz}::text)::date)::text as last_day,
        ((t.closed_at at time zone ${tz}::text)::date)::text as closed_on, a.status, r.status as report
      from training_attendance a join trainings t on t.id = a.training_id
      left join report_backs r on r.training_id = a.training_id and r.unit_id = a.unit_id
      where a.unit_id = ${unitId}::uuid`,
  );
  return {
    hasPrimary: primary?.ok === true,
    enrolments: enrolments.map((e) => ({ trainingId: e.training_id, topics: e.topics, lastDay: e.last_day, closedOn: e.closed_on, status: e.status, reportBack: e.report })),
  };
}

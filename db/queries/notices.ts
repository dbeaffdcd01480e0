// Urging notices (催办): numbering, inserting a batch, reading through the caller's reach,
// answering and withdrawing; and what the laggard board says of each unit's notices (how many
// it got, when the last one went out, whether a step happened after it; withdrawn ones do not count).
import { and, count, desc, eq, getTableColumns, gte, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { rowsOf } from '../rows.js';
import { documentCounters, notices, units } from '../schema/index.js';
import { noticeNumberOf } from '../../shared/domain/voice.js';
import { NOTICE_STATUSES, type NoticeStatus } from '../../shared/domain/notices.js';
import type { NoticeListQuery } from '../../shared/schemas/notices.js';
import { inScopeSql, unitInReach, type Reach } from './reach.js';

export type NoticeRow = typeof notices.$inferSelect;
export type NewNotice = Omit<typeof notices.$inferInsert, 'year' | 'seq' | 'number' | 'issuerCode' | 'issuerOffice'>;

/** Who issues: the area ('' the installation), its 落款 and its 文号 prefix. */
export interface Issuer {
  code: string;
  office: string;
  docPrefix: string;
}

export interface NoticeFacts {
  count: number;
  lastAt: string | null;
  /** a live step happened after the last notice went out (its occurredAt, later the same day counts) */
  stepSinceLast: boolean;
  /** when the unit last answered one of its notices: the board shows it has answered */
  answeredAt?: string | null;
}

export const NO_NOTICES: NoticeFacts = { count: 0, lastAt: null, stepSinceLast: false, answeredAt: null };

/** The units' last notices, one row per urged unit: for a filter or a join. */
export const lastNotices = (where: SQL = sql`true`) => sql`
  select n.unit_id, count(*)::int as n, max(n.issued_at) as last_at, max(n.answered_at) as answered_at
  from notices n where n.withdrawn_at is null and n.unit_id is not null and ${where} group by n.unit_id`;

/** Units urged whose last notice has no live step after it: "urged, still no progress since". */
export const urgedWithoutProgress = sql`(
  select l.unit_id from (${lastNotices()}) l
  where not exists (select 1 from steps s where s.unit_id = l.unit_id and not s.voided and s.occurred_at > l.last_at))`;

/** The notice facts of these units (all urged units when `unitIds` is absent). */
export async function noticeFacts(db: DbOrTx, unitIds?: string[]): Promise<Map<string, NoticeFacts>> {
  if (unitIds && unitIds.length === 0) return new Map();
  const where = unitIds ? sql`n.unit_id in (${sql.join(unitIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`true`;
  const rows = await rowsOf<{ unit_id: string; n: number; last_ms: number; since: boolean; answered_ms: number | null }>(
    db,
    sql`select l.unit_id, l.n, round(extract(epoch from l.last_at) * 1000)::float8 as last_ms,
        round(extract(epoch from l.answered_at) * 1000)::float8 as answered_ms,
        exists (select 1 from steps s where s.unit_id = l.unit_id and not s.voided and s.occurred_at > l.last_at) as since
      from (${lastNotices(where)}) l`,
  );
  return new Map(
    rows.map((r) => [
      r.unit_id,
      { count: r.n, lastAt: new Date(Number(r.last_ms)).toISOString(), stepSinceLast: r.since, answeredAt: r.answered_ms === null ? null : new Date(Number(r.answered_ms)).toISOString() },
    ]),
  );
}

/**
 * Takes `n` numbers of one issuer's sequence of `kind` in `year` at once. The counter row's lock
 * (the upsert's) makes that issuer's concurrent issues wait for each other, so a number is never
 * given twice nor skipped by a transaction that commits; other issuers' sequences do not wait.
 */
export async function takeNumbers(tx: DbOrTx, issuer: string, kind: 'notice' | 'bulletin', year: number, n: number): Promise<number> {
  const [row] = await tx
    .insert(documentCounters)
    .values({ issuer, kind, year, last: n })
    .onConflictDoUpdate({ target: [documentCounters.issuer, documentCounters.kind, documentCounters.year], set: { last: sql`${documentCounters.last} + ${n}` } })
    .returning({ last: documentCounters.last });
  return row.last - n + 1;
}

/** Inserts the notices with consecutive numbers of the issuer's `year`, in the order given. */
export async function insertNotices(tx: DbOrTx, issuer: Issuer, year: number, rows: NewNotice[]): Promise<NoticeRow[]> {
  if (rows.length === 0) return [];
  const first = await takeNumbers(tx, issuer.code, 'notice', year, rows.length);
  const out: NoticeRow[] = [];
  // a few hundred rows per statement keeps far below the driver's parameter limit
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200).map((r, j) => {
      const seq = first + i + j;
      return { ...r, issuerCode: issuer.code, issuerOffice: issuer.office, number: noticeNumberOf(issuer.docPrefix, year, seq), year, seq };
    });
    out.push(...(await tx.insert(notices).values(chunk).returning()));
  }
  return out.sort((a, b) => a.seq - b.seq);
}

/** Serialises every issue: two batches at once must not urge the same unit twice the same day. */
export async function lockIssuing(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${724003})`);
}

/**
 * The notices inside the reach: a unit's contact, its own unit's; anyone else, those of the units
 * in its scope (where the unit is now), and the 督办 to areas in its scope — an area's own offices
 * and those above it, never a sibling's, never a unit's contact.
 */
const noticeInReach = (reach: Reach): SQL =>
  reach.role === 'unit'
    ? unitInReach(reach, { id: sql`${notices.unitId}`, area: sql`null` })
    : sql`(case when ${notices.targetArea} is null then ${unitInReach(reach, { id: sql`${units.id}`, area: sql`${units.areaCode}` })}
        else ${inScopeSql(reach.scope, sql`${notices.targetArea}`)} end)`;

/** A notice inside the reach (outside it: no row, as an id that names nothing). */
export async function findNotice(db: DbOrTx, reach: Reach, id: string): Promise<NoticeRow | undefined> {
  const [row] = await db
    .select(getTableColumns(notices))
    .from(notices)
    .leftJoin(units, eq(units.id, notices.unitId))
    .where(and(eq(notices.id, id), noticeInReach(reach)))
    .limit(1);
  return row;
}

/** Whether the unit lies inside the reach (a notice is issued only to a unit the issuer sees). */
export async function unitReached(db: DbOrTx, reach: Reach, unitId: string): Promise<boolean> {
  const rows = await rowsOf<{ id: string }>(db, sql`select u.id from units u where u.id = ${unitId}::uuid and ${unitInReach(reach)}`);
  return rows.length > 0;
}

/** The unit's notices of that day that still wait for an answer: a second one would be a slip of the hand. */
export async function openNoticeOn(db: DbOrTx, unitId: string, day: string): Promise<NoticeRow | undefined> {
  const [row] = await db
    .select()
    .from(notices)
    .where(and(eq(notices.unitId, unitId), eq(notices.issuedOn, day), isNull(notices.answeredAt), isNull(notices.withdrawnAt)))
    .limit(1);
  return row;
}

const STATUS_WHERE: Record<NoticeStatus, (today: string) => SQL> = {
  withdrawn: () => isNotNull(notices.withdrawnAt),
  answered: () => and(isNull(notices.withdrawnAt), isNotNull(notices.answeredAt))!,
  overdue: (today) => and(isNull(notices.withdrawnAt), isNull(notices.answeredAt), lt(notices.respondBy, today))!,
  open: (today) => and(isNull(notices.withdrawnAt), isNull(notices.answeredAt), gte(notices.respondBy, today))!,
};

/**
 * A page of the notices inside the reach, narrowed to `area` (inside the reach already; null:
 * the reach's own), with the counts by status of the same selection (the tabs' numbers).
 */
export async function listNotices(db: DbOrTx, reach: Reach, q: NoticeListQuery, today: string, area: string | null) {
  const base: SQL[] = [];
  if (reach.role === 'unit') base.push(unitInReach(reach, { id: sql`${notices.unitId}`, area: sql`null` }));
  const within = reach.role === 'unit' ? null : (area ?? reach.scope);
  if (within) {
    base.push(sql`(case when ${notices.targetArea} is null then ${notices.unitId} in (select u.id from units u where ${inScopeSql(within)})
      else ${inScopeSql(within, sql`${notices.targetArea}`)} end)`);
  }
  if (q.target) base.push(q.target === 'area' ? isNotNull(notices.targetArea) : isNull(notices.targetArea));
  if (q.unitId) base.push(eq(notices.unitId, q.unitId));
  if (q.batchId) base.push(eq(notices.batchId, q.batchId));
  const where = and(...base, ...(q.status ? [STATUS_WHERE[q.status](today)] : []));
  const [rows, counted] = await Promise.all([
    db.select().from(notices).where(where).orderBy(desc(notices.issuedAt), desc(notices.seq)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db
      .select({
        status: sql<NoticeStatus>`case when ${notices.withdrawnAt} is not null then 'withdrawn'
          when ${notices.answeredAt} is not null then 'answered'
          when ${notices.respondBy} < ${today}::date then 'overdue' else 'open' end`,
        n: count(),
      })
      .from(notices)
      .where(and(...base))
      .groupBy(sql`1`),
  ]);
  const counts = Object.fromEntries(NOTICE_STATUSES.map((s) => [s, 0])) as Record<NoticeStatus, number>;
  for (const c of counted) counts[c.status] = Number(c.n);
  const total = q.status ? counts[q.status] : Object.values(counts).reduce((a, b) => a + b, 0);
  return { rows, total, counts };
}

/** Fills in the answer once: answers nothing when the notice was answered or withdrawn meanwhile. */
export async function answerNotice(db: DbOrTx, id: string, by: { id: string; displayName: string }, text: string, at: Date) {
  const [row] = await db
    .update(notices)
    .set({ answerText: text, answeredAt: at, answeredBy: by.id, answeredByName: by.displayName })
    .where(and(eq(notices.id, id), isNull(notices.answeredAt), isNull(notices.withdrawnAt)))
    .returning();
  return row;
}

/** Fills in the withdrawal once: answers nothing when the notice was withdrawn or answered meanwhile. */
export async function withdrawNotice(db: DbOrTx, id: string, by: { id: string; displayName: string }, reason: string, at: Date) {
  const [row] = await db
    .update(notices)
    .set({ withdrawReason: reason, withdrawnAt: at, withdrawnBy: by.id, withdrawnByName: by.displayName })
    .where(and(eq(notices.id, id), isNull(notices.withdrawnAt), isNull(notices.answeredAt)))
    .returning();
  return row;
}

/**
 * The notices that can keep a unit out of a batch: those still waiting for an answer, and those
 * withdrawn since `withdrawnSince`. The rule that reads them is shared/domain/notices.ts batchSkipReason.
 */
export async function noticesHoldingBack(db: DbOrTx, withdrawnSince: Date) {
  return db
    .select({ id: notices.id, unitId: notices.unitId, targetArea: notices.targetArea, year: notices.year, seq: notices.seq, issuedOn: notices.issuedOn, answeredAt: notices.answeredAt, withdrawnAt: notices.withdrawnAt })
    .from(notices)
    .where(or(and(isNull(notices.answeredAt), isNull(notices.withdrawnAt)), gte(notices.withdrawnAt, withdrawnSince)))
    .orderBy(desc(notices.issuedAt));
}

export interface AreaNoticeCounts {
  /** 督办 issued to the area, not withdrawn */
  count: number;
  answered: number;
  /** past respond-by, unanswered */
  overdue: number;
}

/** The 督办 to each area under `parent` (null: every area), for the roll-up rows. */
export async function areaNoticeCounts(db: DbOrTx, parent: string | null, today: string): Promise<Map<string, AreaNoticeCounts>> {
  const rows = await db
    .select({
      area: notices.targetArea,
      count: sql<number>`count(*)::int`,
      answered: sql<number>`(count(*) filter (where ${notices.answeredAt} is not null))::int`,
      overdue: sql<number>`(count(*) filter (where ${notices.answeredAt} is null and ${notices.respondBy} < ${today}::date))::int`,
    })
    .from(notices)
    .where(and(isNotNull(notices.targetArea), isNull(notices.withdrawnAt), inScopeSql(parent, sql`${notices.targetArea}`)))
    .groupBy(notices.targetArea);
  return new Map(rows.map((r) => [r.area!, { count: Number(r.count), answered: Number(r.answered), overdue: Number(r.overdue) }]));
}

/** Whether the area got a 督办 on `day` that still waits for an answer. */
export async function openAreaNoticeOn(db: DbOrTx, area: string, day: string): Promise<NoticeRow | undefined> {
  const [row] = await db
    .select()
    .from(notices)
    .where(and(eq(notices.targetArea, area), eq(notices.issuedOn, day), isNull(notices.answeredAt), isNull(notices.withdrawnAt)))
    .limit(1);
  return row;
}

// The notices' SQL: numbering, inserting a batch, reading with filters, answering and withdrawing.
import { and, count, desc, eq, getTableColumns, gte, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { noticeCounters, notices, units } from '../../../db/schema/index.js';
import { noticeNumber, noticeStatus, NOTICE_STATUSES, type NoticeStatus } from '../../../shared/domain/notices.js';
import type { Notice, NoticeListQuery } from '../../../shared/schemas/notices.js';
import { inScopeSql } from '../../lib/scope.js';
import { iso } from '../../lib/time.js';

export type NoticeRow = typeof notices.$inferSelect;
export type NewNotice = Omit<typeof notices.$inferInsert, 'year' | 'seq'>;

export const toNotice = (r: NoticeRow, today: string): Notice => ({
  id: r.id,
  number: noticeNumber(r.year, r.seq),
  year: r.year,
  seq: r.seq,
  unitId: r.unitId,
  unit: { code: r.unitCode, name: r.unitName },
  flags: r.flags,
  severity: r.severity,
  issuedOn: r.issuedOn,
  issuedAt: iso(r.issuedAt),
  issuedBy: { id: r.issuedBy, displayName: r.issuedByName },
  respondBy: r.respondBy,
  note: r.note,
  status: noticeStatus(r, today),
  ...(r.answeredAt ? { answer: { text: r.answerText ?? '', at: iso(r.answeredAt), by: { id: r.answeredBy, displayName: r.answeredByName ?? '' } } } : {}),
  ...(r.withdrawnAt ? { withdrawn: { reason: r.withdrawReason ?? '', at: iso(r.withdrawnAt), by: { id: r.withdrawnBy, displayName: r.withdrawnByName ?? '' } } } : {}),
  batchId: r.batchId,
});

/**
 * Takes `n` numbers of `year` at once. The counter's row lock makes concurrent issues wait
 * for each other, so numbers are never given twice nor skipped by a transaction that commits.
 */
export async function takeNumbers(tx: DbOrTx, year: number, n: number): Promise<number> {
  const [row] = await tx
    .insert(noticeCounters)
    .values({ year, last: n })
    .onConflictDoUpdate({ target: noticeCounters.year, set: { last: sql`${noticeCounters.last} + ${n}` } })
    .returning({ last: noticeCounters.last });
  return row.last - n + 1;
}

/** Inserts the notices with consecutive numbers of `year`, in the order given. */
export async function insertNotices(tx: DbOrTx, year: number, rows: NewNotice[]): Promise<NoticeRow[]> {
  if (rows.length === 0) return [];
  const first = await takeNumbers(tx, year, rows.length);
  const out: NoticeRow[] = [];
  // a few hundred rows per statement keeps far below the driver's parameter limit
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200).map((r, j) => ({ ...r, year, seq: first + i + j }));
    out.push(...(await tx.insert(notices).values(chunk).returning()));
  }
  return out.sort((a, b) => a.seq - b.seq);
}

/** A notice, with its unit's county now (the scope decides who sees it, by where the unit is). */
export async function findNotice(db: DbOrTx, id: string): Promise<(NoticeRow & { unitAreaCode: string | null }) | undefined> {
  const [row] = await db
    .select({ ...getTableColumns(notices), unitAreaCode: units.areaCode })
    .from(notices)
    .leftJoin(units, eq(units.id, notices.unitId))
    .where(eq(notices.id, id))
    .limit(1);
  return row;
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

/** Which of these units got a notice on `day` that still waits for an answer. */
export async function unitsUrgedOn(db: DbOrTx, day: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ unitId: notices.unitId })
    .from(notices)
    .where(and(eq(notices.issuedOn, day), isNull(notices.answeredAt), isNull(notices.withdrawnAt)));
  return new Set(rows.map((r) => r.unitId));
}

const STATUS_WHERE: Record<NoticeStatus, (today: string) => SQL> = {
  withdrawn: () => isNotNull(notices.withdrawnAt),
  answered: () => and(isNull(notices.withdrawnAt), isNotNull(notices.answeredAt))!,
  overdue: (today) => and(isNull(notices.withdrawnAt), isNull(notices.answeredAt), lt(notices.respondBy, today))!,
  open: (today) => and(isNull(notices.withdrawnAt), isNull(notices.answeredAt), gte(notices.respondBy, today))!,
};

/** `area` (already narrowed to the caller's scope; null: all): only the notices of its units. */
export async function listNotices(db: DbOrTx, q: NoticeListQuery, today: string, area: string | null) {
  const base: SQL[] = [];
  if (area) base.push(sql`${notices.unitId} in (select u.id from units u where ${inScopeSql(area)})`);
  if (q.unitId) base.push(eq(notices.unitId, q.unitId));
  if (q.batchId) base.push(eq(notices.batchId, q.batchId));
  const where = and(...base, ...(q.status ? [STATUS_WHERE[q.status](today)] : []));
  const [rows, counted] = await Promise.all([
    db.select().from(notices).where(where).orderBy(desc(notices.issuedAt), desc(notices.seq)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    // the counts by status of the same selection (without the status filter): the tabs' numbers
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

export async function withdrawNotice(db: DbOrTx, id: string, by: { id: string; displayName: string }, reason: string, at: Date) {
  const [row] = await db
    .update(notices)
    .set({ withdrawReason: reason, withdrawnAt: at, withdrawnBy: by.id, withdrawnByName: by.displayName })
    .where(and(eq(notices.id, id), isNull(notices.withdrawnAt)))
    .returning();
  return row;
}

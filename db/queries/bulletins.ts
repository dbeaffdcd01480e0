// Issued bulletins (通报): numbering (per issuer per year, the notices' counter table), storing
// one as issued, and reading them through the caller's scope (a bulletin belongs to the area it
// covers; one of the whole installation to whole-installation users only).
import { and, count, desc, eq, getTableColumns, like, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { rowsOf } from '../rows.js';
import { bulletins, steps } from '../schema/index.js';
import { bulletinNumberOf } from '../../shared/domain/voice.js';
import { takeNumbers, type Issuer } from './notices.js';

export type BulletinRow = typeof bulletins.$inferSelect;
export type NewBulletin = Omit<typeof bulletins.$inferInsert, 'year' | 'seq' | 'number' | 'issuerCode' | 'signingOffice'>;

/** Stores the bulletin under the issuer's next number of `year`. */
export async function insertBulletin(tx: DbOrTx, issuer: Issuer, year: number, row: NewBulletin): Promise<BulletinRow> {
  const seq = await takeNumbers(tx, issuer.code, 'bulletin', year, 1);
  const [created] = await tx
    .insert(bulletins)
    .values({ ...row, issuerCode: issuer.code, signingOffice: issuer.office, year, seq, number: bulletinNumberOf(issuer.docPrefix, year, seq) })
    .returning();
  return created;
}

/** The bulletins of `within`'s subtree (null: all of them), narrowed to those covering exactly the area `area` when given. */
function visible(within: string | null, area: string | null): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  // a bulletin of the whole installation (no area) is a whole-installation user's only
  if (within !== null) parts.push(like(bulletins.areaCode, `${within}%`));
  if (area !== null) parts.push(eq(bulletins.areaCode, area));
  return and(...parts);
}

export async function findBulletin(db: DbOrTx, within: string | null, id: string): Promise<BulletinRow | undefined> {
  const [row] = await db
    .select()
    .from(bulletins)
    .where(and(eq(bulletins.id, id), visible(within, null)))
    .limit(1);
  return row;
}

/** A page of bulletin headers, newest first (the content is left out: it can be large). */
export async function listBulletins(db: DbOrTx, within: string | null, area: string | null, page: { page: number; pageSize: number }) {
  const { content: _content, ...header } = getTableColumns(bulletins);
  const where = visible(within, area);
  const [rows, [{ n }]] = await Promise.all([
    db.select(header).from(bulletins).where(where).orderBy(desc(bulletins.issuedAt), desc(bulletins.seq)).limit(page.pageSize).offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(bulletins).where(where),
  ]);
  return { rows, total: Number(n) };
}

/**
 * Steps recorded after a day (`dayEnd`: the next day's first instant) that change what that day's report says: live steps
 * dated on or before it but recorded later, and voids made later of steps dated on or before it.
 * `area`: the units of that subtree (null: all).
 */
export async function stepsRecordedAfter(db: DbOrTx, dayEnd: Date, area: string | null): Promise<number> {
  const inArea = area === null ? sql`true` : sql`s.unit_id in (select u.id from units u where u.area_code like ${`${area}%`})`;
  const end = dayEnd.toISOString();
  const [row] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${steps} s
      where s.occurred_at < ${end}::timestamptz and ${inArea}
        and ((not s.voided and s.recorded_at >= ${end}::timestamptz) or (s.voided and s.voided_at >= ${end}::timestamptz and s.recorded_at < ${end}::timestamptz))`,
  );
  return row?.n ?? 0;
}



// Display links (数据大屏): made and revoked by an office inside its scope, read by their token's hash.
import { and, desc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { displayLinks } from '../schema/index.js';
import { inScopeSql } from './reach.js';
import { rowsOf } from '../rows.js';

/** a link and whether the office that made it still stands behind it (creatorStands) */
export type DisplayLinkRow = typeof displayLinks.$inferSelect & { creatorStands: boolean };

/**
 * A link speaks for the office that made it: it opens only while that account is an enabled
 * office whose scope still holds the link's area. Disabled, or moved to another county, its links
 * fall silent with it (revoking each one by hand is what a departing clerk's successor forgets).
 */
const creatorStands = sql<boolean>`exists (select 1 from users c where c.id = ${displayLinks.createdBy} and not c.disabled and c.role = 'office'
  and (c.scope is null or (${displayLinks.areaCode} is not null and ${displayLinks.areaCode} like c.scope || '%')))`;
const withCreator = { ...getTableColumns(displayLinks), creatorStands };

export async function insertDisplayLink(db: DbOrTx, row: typeof displayLinks.$inferInsert): Promise<DisplayLinkRow> {
  const [made] = await db.insert(displayLinks).values(row).returning();
  return { ...made!, creatorStands: true };
}

/** The links of areas inside `scope` (null: all), newest first. */
export async function listDisplayLinks(db: DbOrTx, scope: string | null): Promise<DisplayLinkRow[]> {
  const where = scope === null ? undefined : sql`${displayLinks.areaCode} is not null and ${inScopeSql(scope, sql`${displayLinks.areaCode}`)}`;
  return db.select(withCreator).from(displayLinks).where(where).orderBy(desc(displayLinks.createdAt)).limit(200);
}

/** One link inside `scope`, or none (outside it is the unknown id's 404). */
export async function findDisplayLink(db: DbOrTx, id: string, scope: string | null): Promise<DisplayLinkRow | undefined> {
  const inside = scope === null ? sql`true` : sql`${displayLinks.areaCode} is not null and ${inScopeSql(scope, sql`${displayLinks.areaCode}`)}`;
  const [row] = await db.select(withCreator).from(displayLinks).where(and(eq(displayLinks.id, id), inside)).limit(1);
  return row;
}

export async function revokeDisplayLink(db: DbOrTx, id: string, by: string, at: Date): Promise<void> {
  await db.update(displayLinks).set({ revokedAt: at, revokedBy: by }).where(and(eq(displayLinks.id, id), isNull(displayLinks.revokedAt)));
}

/** The link a token's hash opens: not revoked, not expired at `now`, its office still standing behind it. */
export async function liveDisplayLink(db: DbOrTx, tokenHash: string, now: Date): Promise<DisplayLinkRow | undefined> {
  const [row] = await db
    .select(withCreator)
    .from(displayLinks)
    .where(and(eq(displayLinks.tokenHash, tokenHash), isNull(displayLinks.revokedAt), sql`${displayLinks.expiresAt} > ${now.toISOString()}::timestamptz`, creatorStands))
    .limit(1);
  return row;
}

export interface RecentStepRow {
  type: string;
  occurred_at: string;
  code: string;
  name: string;
}

/** The latest live steps recorded in the scope, newest first: the screen's ticker (unit and step only, nobody's name). */
export async function recentStepsIn(db: DbOrTx, area: string | null, limit: number): Promise<RecentStepRow[]> {
  return rowsOf<RecentStepRow>(
    db,
    sql`select s.type, to_char(s.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at, u.code, u.name
      from steps s join units u on u.id = s.unit_id
      where not s.voided and ${inScopeSql(area)}
      order by s.recorded_at desc, s.seq desc
      limit ${limit}`,
  );
}

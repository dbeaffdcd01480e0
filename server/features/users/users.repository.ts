import { paginate } from '../../../db/paginate.js';
import { and, asc, count, eq, ilike, like, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { units, users } from '../../../db/schema/index.js';
import type { User } from '../../../shared/schemas/users.js';
import { usernameKey } from '../../../shared/domain/usernames.js';
import { iso } from '../../lib/time.js';
import { likePattern } from '../../lib/query.js';
import { inScopeSql } from '../../lib/scope.js';

type Row = typeof users.$inferSelect;

export const toUser = (r: Row): User => ({
  id: r.id,
  username: r.username,
  displayName: r.displayName,
  role: r.role,
  unitId: r.unitId,
  scope: r.scope,
  disabled: r.disabled,
  createdAt: iso(r.createdAt),
});

export async function findUser(db: DbOrTx, id: string): Promise<Row | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** The user a typed name means: by its key, so ADMIN, ａｄｍｉｎ and admin are one. */
export async function findUserByName(db: DbOrTx, username: string): Promise<Row | undefined> {
  const [row] = await db.select().from(users).where(eq(users.usernameKey, usernameKey(username))).limit(1);
  return row;
}

/** One serialized decision at a time about who holds which role (advisory lock keys 1, 2: logins). */
export async function lockRoles(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(3, 0)`);
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row.n;
}

/** Active office users other than `exceptId`: the last one may not be locked out. */
export async function countOtherActiveOffice(db: DbOrTx, exceptId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'office'), eq(users.disabled, false), sql`${users.id} <> ${exceptId}`));
  return row.n;
}

/**
 * The users inside `scope`: a unit's contact where its unit is, anyone else where its own scope
 * is (a whole-installation user, scope null, lies inside the whole installation only). `alias`
 * names the users row in the query around it.
 */
export function usersInScopeSql(scope: string | null, alias = 'users'): SQL {
  if (scope === null) return sql`true`;
  const s = sql.raw(alias);
  const unitInside = sql`exists (select 1 from units u where u.id = ${s}.unit_id and ${inScopeSql(scope)})`;
  return sql`(case when ${s}.role = 'unit' then ${unitInside} else ${inScopeSql(scope, sql`${s}.scope`)} end)`;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Row['role'];
  unitId: string | null;
  scope: string | null;
  passwordHash: string;
}

export async function insertUser(db: DbOrTx, u: NewUser): Promise<Row> {
  const [row] = await db
    .insert(users)
    .values({ ...u, usernameKey: usernameKey(u.username) })
    .returning();
  return row;
}

export async function updateUser(
  db: DbOrTx,
  id: string,
  set: Partial<Pick<Row, 'displayName' | 'role' | 'unitId' | 'scope' | 'disabled' | 'passwordHash'>>,
): Promise<Row> {
  const [row] = await db
    .update(users)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row;
}

/** A unit's county, or undefined when the id names no unit. */
export async function unitArea(db: DbOrTx, unitId: string): Promise<{ areaCode: string | null } | undefined> {
  const [row] = await db.select({ areaCode: units.areaCode }).from(units).where(eq(units.id, unitId)).limit(1);
  return row;
}

export async function listUsers(db: DbOrTx, q: { page: number; pageSize: number; role?: Row['role']; q?: string }, scope: string | null = null) {
  const where: SQL[] = [usersInScopeSql(scope)];
  if (q.role) where.push(eq(users.role, q.role));
  if (q.q) where.push(or(like(users.usernameKey, likePattern(usernameKey(q.q))), ilike(users.username, likePattern(q.q)), ilike(users.displayName, likePattern(q.q)))!);
  const filter = where.length ? and(...where) : undefined;
  return paginate(db, q, { table: users, filter, select: (limit, offset) => db.select().from(users).where(filter).orderBy(asc(users.username)).limit(limit).offset(offset) }, toUser);
}

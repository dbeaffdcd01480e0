// The accounts: who they are, where they lie (a unit's contact where its unit is, anyone else
// where its own scope is), the locks their changes are decided under, and the login's reads.
import { and, asc, count, eq, ilike, like, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { paginate } from '../paginate.js';
import { units, users } from '../schema/index.js';
import type { User } from '../../shared/schemas/users.js';
import { usernameKey } from '../../shared/domain/usernames.js';
import { iso } from '../../server/lib/time.js';
import { likePattern } from '../../server/lib/query.js';
import { inScopeSql, type Reach } from './reach.js';

export type UserRow = typeof users.$inferSelect;

export const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.displayName,
  role: r.role,
  unitId: r.unitId,
  scope: r.scope,
  disabled: r.disabled,
  phone: r.phone,
  createdAt: iso(r.createdAt),
});

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

/** The users a reach covers: those inside its scope; a unit's contact reaches no account. */
export const usersInReachSql = (reach: Reach, alias = 'users'): SQL => (reach.role === 'unit' ? sql`false` : usersInScopeSql(reach.scope, alias));

/** Any user by id, whatever its place: one's own account, the session's checks. */
export async function findUser(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** A user by id as the caller may see it: one outside the reach is no row, as an unknown id. */
export async function findUserInReach(db: DbOrTx, reach: Reach, id: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), usersInReachSql(reach)))
    .limit(1);
  return row;
}

/** The account a login names, by its key (usernameKey of what was typed). */
export async function findUserByKey(db: DbOrTx, key: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.usernameKey, key)).limit(1);
  return row;
}

/** The user a typed name means: by its key, so ADMIN, ａｄｍｉｎ and admin are one. */
export const findUserByName = (db: DbOrTx, username: string) => findUserByKey(db, usernameKey(username));

export async function listUsers(db: DbOrTx, reach: Reach, q: { page: number; pageSize: number; role?: UserRow['role']; q?: string }) {
  const where: SQL[] = [usersInReachSql(reach)];
  if (q.role) where.push(eq(users.role, q.role));
  if (q.q) where.push(or(like(users.usernameKey, likePattern(usernameKey(q.q))), ilike(users.username, likePattern(q.q)), ilike(users.displayName, likePattern(q.q)))!);
  const filter = and(...where);
  return paginate(db, q, { table: users, filter, select: (limit, offset) => db.select().from(users).where(filter).orderBy(asc(users.username)).limit(limit).offset(offset) }, toUser);
}

/** One serialized decision at a time about who holds which role (advisory lock keys 1, 2: logins). */
export async function lockRoles(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(3, 0)`);
}

/** The first start's decision whether to create the first user, one process at a time. */
export async function lockFirstUser(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(724002)`);
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

/** Whether a unit with this id lies inside `scope` (null: the whole installation). */
export async function unitWithinScope(db: DbOrTx, unitId: string, scope: string | null): Promise<boolean> {
  const [row] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, unitId), inScopeSql(scope, sql`${units.areaCode}`)))
    .limit(1);
  return row !== undefined;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: UserRow['role'];
  unitId: string | null;
  scope: string | null;
  phone?: string | null;
  passwordHash: string;
}

export async function insertUser(db: DbOrTx, u: NewUser): Promise<UserRow> {
  const [row] = await db
    .insert(users)
    .values({ ...u, usernameKey: usernameKey(u.username) })
    .returning();
  return row;
}

export async function updateUser(
  db: DbOrTx,
  id: string,
  set: Partial<Pick<UserRow, 'displayName' | 'role' | 'unitId' | 'scope' | 'disabled' | 'passwordHash' | 'phone'>>,
): Promise<UserRow> {
  const [row] = await db
    .update(users)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row;
}

/** A new password, only over the credentials the caller checked (a reset by the office since wins). */
export async function setPasswordIfUnchanged(tx: DbOrTx, id: string, passwordHash: string, credentialVersion: number): Promise<boolean> {
  const [updated] = await tx
    .update(users)
    .set({ passwordHash, updatedAt: new Date() })
    .where(and(eq(users.id, id), eq(users.credentialVersion, credentialVersion), eq(users.disabled, false)))
    .returning({ id: users.id });
  return updated !== undefined;
}

// The audit log: the one way an entry is written (appendAudit), inside the write's own
// transaction so that both land or neither; and the log as its readers ask for it, filtered by
// who, what, which unit and when, a page at a time, with the unit and the accounts each row is
// about named (the rows keep only ids).
import { and, desc, eq, gte, inArray, like, lt, notLike, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { paginate } from '../paginate.js';
import { audit, units, users } from '../schema/index.js';
import { normalizeCode } from '../../shared/domain/codes.js';
import { endOfDay, startOfDay } from '../../shared/domain/dates.js';
import type { AuditEntry as AuditLine, AuditQuery } from '../../shared/schemas/audit.js';
import type { AuditAction } from '../../shared/domain/audit-actions.js';
import { inScopeSql, type Reach } from './reach.js';
import { usersInScopeSql } from './users.js';

/** Who did it: a signed-in user, or nobody yet (a failed login) with the address it came from. */
export interface AuditActor {
  id: string | null;
  username: string | null;
  role: string | null;
  ip: string | null;
}

export interface AuditEntry {
  /** one of AUDIT_ACTIONS: the log's reader has words for each */
  action: AuditAction;
  target: string | null;
  details?: unknown;
}

export async function appendAudit(db: DbOrTx, by: AuditActor, entries: AuditEntry | readonly AuditEntry[]): Promise<void> {
  const rows = Array.isArray(entries) ? (entries as readonly AuditEntry[]) : [entries as AuditEntry];
  if (rows.length === 0) return;
  await db.insert(audit).values(
    rows.map((r) => ({ actorId: by.id, actorUsername: by.username, actorRole: by.role, action: r.action, target: r.target, ip: by.ip, details: r.details ?? null })),
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (id: string) => UUID.test(id);

type Row = typeof audit.$inferSelect;

/** Actions whose target is a unit's id as is; steps and voids write "unit:<id>". */
const UNIT_ACTIONS = new Set(['unit.create', 'unit.update', 'notice.issue', 'notice.answer', 'notice.withdraw']);
/** Actions whose target is an account's id; the auth.* actions name a username instead. */
const USER_ACTIONS = new Set(['user.create', 'user.update', 'user.bootstrap', 'unit.assign']);

function unitIdOf(r: Pick<Row, 'action' | 'target'>): string | null {
  if (!r.target) return null;
  const id = r.target.startsWith('unit:') ? r.target.slice(5) : UNIT_ACTIONS.has(r.action) ? r.target : null;
  return id && isUuid(id) ? id : null;
}
const userIdOf = (r: Row) => (r.target && USER_ACTIONS.has(r.action) && isUuid(r.target) ? r.target : null);
const usernameOf = (r: Row) => (r.target && r.action.startsWith('auth.') ? r.target.toLowerCase() : null);

const NOTHING = sql`false`;


/**
 * The entries a scoped office may read: those about a unit, user or channel inside its scope;
 * a login, logout or failed attempt naming a user inside it; and, for entries about none of
 * these (an import, the settings), those written by a user inside it. Ids are UUIDs, so a target
 * is matched against each set of ids in its scope (uncorrelated: hashed once per query, not a
 * lookup per row of the log).
 */
function auditInScopeSql(reach: Reach): SQL {
  if (reach.role === 'unit') return sql`false`;
  const scope = reach.scope;
  if (scope === null) return sql`true`;
  const target = sql`${audit.target}`;
  const unitsIn = sql`select u.id from units u where ${inScopeSql(scope)}`;
  const usersIn = sql`select s.id from users s where ${usersInScopeSql(scope, 's')}`;
  return sql`(
    ${target} in (select id::text from (${unitsIn}) x union all select 'unit:' || id from (${unitsIn}) x)
    or (${audit.action} not like 'auth.%' and ${target} in (select id::text from (${usersIn}) x))
    or (${audit.action} like 'auth.%' and ${target} in (select s.username_key from users s where ${usersInScopeSql(scope, 's')}))
    or ${target} in (select 'channel:' || c.id from notify_channels c where ${inScopeSql(scope, sql`c.scope`)})
    or ((${target} is null or ${target} !~ ${ID_TARGET}) and ${audit.action} not like 'auth.%' and ${audit.actorId} in (${usersIn}))
  )`;
}

/** a target naming a unit, user or channel by id */
const ID_TARGET = '^(unit:|channel:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/** The conditions of a query; `timezone` says where a `from`/`to` day begins and ends. */
async function conditions(db: DbOrTx, reach: Reach, q: AuditQuery, timezone: string): Promise<SQL | undefined> {
  const where: SQL[] = [auditInScopeSql(reach)];
  if (q.action) where.push(eq(audit.action, q.action));
  if (q.group === 'sessions') where.push(like(audit.action, 'auth.%'));
  if (q.group === 'changes') where.push(notLike(audit.action, 'auth.%'));
  if (q.actorId) where.push(isUuid(q.actorId) ? eq(audit.actorId, q.actorId) : NOTHING);
  if (q.since) where.push(gte(audit.at, new Date(q.since)));
  if (q.from) where.push(gte(audit.at, startOfDay(q.from, timezone)));
  if (q.to) where.push(lt(audit.at, endOfDay(q.to, timezone)));
  if (q.unit) {
    // a code as the office types it: full-width digits, lower case (shared/domain/codes.ts)
    const code = normalizeCode(q.unit);
    const [unit] = await db
      .select({ id: units.id })
      .from(units)
      .where(isUuid(q.unit) ? or(eq(units.id, q.unit), eq(units.code, code)) : eq(units.code, code))
      .limit(1);
    // a unit's creation and edits name its id; its steps and voids name "unit:<id>"
    where.push(unit ? inArray(audit.target, [unit.id, `unit:${unit.id}`]) : NOTHING);
  }
  return where.length ? and(...where) : undefined;
}

/** A page of the log, of the entries inside the reader's reach; `timezone` says where a day of `from`/`to` lies. */
export async function listAudit(db: DbOrTx, reach: Reach, q: AuditQuery, timezone: string): Promise<{ items: AuditLine[]; total: number }> {
  const filter = await conditions(db, reach, q, timezone);
  const select = (limit: number, offset: number) => db.select().from(audit).where(filter).orderBy(desc(audit.at), desc(audit.id)).limit(limit).offset(offset);
  const { items: rows, total } = await paginate(db, q, { table: audit, filter, select }, (r) => r);

  // the names behind the ids of this page, in two lookups rather than a join per row
  const unitIds = [...new Set(rows.map(unitIdOf).filter((id): id is string => id !== null))];
  const userIds = [...new Set(rows.flatMap((r) => [r.actorId, userIdOf(r)]).filter((id): id is string => id !== null))];
  const usernames = [...new Set(rows.map(usernameOf).filter((u): u is string => u !== null))];
  const userColumns = { id: users.id, username: users.username, displayName: users.displayName, role: users.role };
  const [unitRows, userRows] = await Promise.all([
    unitIds.length ? db.select({ id: units.id, code: units.code, name: units.name }).from(units).where(inArray(units.id, unitIds)) : [],
    userIds.length || usernames.length
      ? db
          .select(userColumns)
          .from(users)
          .where(or(userIds.length ? inArray(users.id, userIds) : undefined, usernames.length ? inArray(sql`lower(${users.username})`, usernames) : undefined))
      : [],
  ]);
  const unitById = new Map(unitRows.map((u) => [u.id, u]));
  const userById = new Map(userRows.map((u) => [u.id, u]));
  const userByName = new Map(userRows.map((u) => [u.username.toLowerCase(), u]));

  const items = rows.map((r): AuditLine => {
    const unitId = unitIdOf(r);
    const userId = userIdOf(r);
    const username = usernameOf(r);
    const person = (userId ? userById.get(userId) : username ? userByName.get(username) : undefined) ?? null;
    return {
      id: String(r.id),
      at: r.at.toISOString(),
      actor:
        r.actorUsername || r.actorId
          ? { id: r.actorId, username: r.actorUsername, role: r.actorRole as never, displayName: (r.actorId && userById.get(r.actorId)?.displayName) || null }
          : null,
      action: r.action,
      target: r.target,
      ip: r.ip,
      details: r.details,
      unit: (unitId && unitById.get(unitId)) || null,
      user: person && { ...person, role: person.role as never },
    };
  });
  return { items, total };
}

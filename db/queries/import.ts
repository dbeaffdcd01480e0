// The import's queries. Every list the file supplies (codes, names, usernames) is sent in chunks:
// a file of 70,000 distinct values must not pass one parameter per value in one statement
// (PostgreSQL's protocol carries at most 65,535 parameters; past that the driver fails: a 500).
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { usernameKey } from '../../shared/domain/usernames.js';
import type { DbOrTx } from '../client.js';
import { units, users } from '../schema/index.js';
import { pacer } from '../../server/lib/pace.js';
import { inScopeSql } from './reach.js';

/** Values per `IN (...)` list, and rows per insert (about 25 parameters each). */
export const CHUNK = 1000;

async function inChunks<T, R>(values: T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  const pace = pacer();
  for (let i = 0; i < values.length; i += CHUNK) {
    out.push(...(await run(values.slice(i, i + CHUNK))));
    await pace();
  }
  return out;
}

const unitArea = sql`${units.areaCode}`;

/**
 * Active technicians among `names` inside `scope`, by their username keys
 * (shared/domain/usernames.ts): never PostgreSQL's lower().
 */
export async function technicianIds(db: DbOrTx, names: string[], scope: string | null): Promise<Map<string, string>> {
  const wanted = [...new Set(names.map(usernameKey))];
  const rows = await inChunks(wanted, (chunk) =>
    db
      .select({ id: users.id, key: users.usernameKey })
      .from(users)
      .where(and(inArray(users.usernameKey, chunk), eq(users.role, 'technician'), eq(users.disabled, false), inScopeSql(scope, sql`${users.scope}`))),
  );
  return new Map(rows.map((r) => [r.key, r.id]));
}

export async function usernames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const rows = await inChunks([...new Set(ids)], (chunk) => db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, chunk)));
  return new Map(rows.map((r) => [r.id, r.username]));
}

/** What an import compares and keeps of a stored unit: its fields, not its progress. */
const storedColumns = {
  code: units.code,
  name: units.name,
  kind: units.kind,
  parentCode: units.parentCode,
  areaCode: units.areaCode,
  contactName: units.contactName,
  contactPhone: units.contactPhone,
  address: units.address,
  wiringDue: units.wiringDue,
  connectionDue: units.connectionDue,
  assigneeId: units.assigneeId,
};
export type StoredUnit = { [K in keyof typeof storedColumns]: (typeof units.$inferSelect)[K] };

/**
 * The units with these codes. With `lock`, each chunk is locked in code order: two imports of the
 * same codes take their row locks in one order, and so cannot deadlock on them.
 */
export async function unitsByCode(db: DbOrTx, codes: string[], opts: { lock?: boolean } = {}): Promise<Map<string, StoredUnit>> {
  const sorted = [...new Set(codes)].sort();
  const rows = await inChunks(sorted, (chunk) => {
    const query = db.select(storedColumns).from(units).where(inArray(units.code, chunk)).orderBy(asc(units.code));
    return opts.lock ? query.for('update') : query;
  });
  return new Map(rows.map((r) => [r.code, r]));
}

/** Units (code, name) inside `scope` whose name is one of `names`: a warning names no unit the importer cannot see. */
export async function unitsNamed(db: DbOrTx, names: string[], scope: string | null): Promise<{ code: string; name: string }[]> {
  return inChunks([...new Set(names)], (chunk) => db.select({ code: units.code, name: units.name }).from(units).where(and(inArray(units.name, chunk), inScopeSql(scope, unitArea))));
}

/** Which of `codes` name a stored unit inside `scope`. */
export async function knownCodes(db: DbOrTx, codes: string[], scope: string | null): Promise<Set<string>> {
  const rows = await inChunks([...new Set(codes)], (chunk) => db.select({ code: units.code }).from(units).where(and(inArray(units.code, chunk), inScopeSql(scope, unitArea))));
  return new Set(rows.map((r) => r.code));
}

type NewUnit = typeof units.$inferInsert;
type Column = keyof StoredUnit;

/**
 * Writes an import: `existing` (units locked and compared) take the file's merged values;
 * `fresh` (units that did not exist when locked) are inserted, and a row another writer made
 * since keeps, for each blank cell, what that writer set (`required` columns always take the file's).
 */
export async function writeImported(
  db: DbOrTx,
  { existing, fresh }: { existing: NewUnit[]; fresh: NewUnit[] },
  { columns, required, scope }: { columns: Column[]; required: readonly Column[]; scope: string | null },
): Promise<{ inserted: number; updated: number }> {
  const excluded = (c: Column | 'updatedAt') => sql.raw(`excluded.${units[c].name}`);
  const replace: Record<string, SQL> = Object.fromEntries(columns.map((c) => [c, excluded(c)]));
  const fill: Record<string, SQL> = Object.fromEntries(
    columns.map((c) => [c, required.includes(c) ? excluded(c) : sql`coalesce(${excluded(c)}, ${sql.raw(`"units"."${units[c].name}"`)})`]),
  );
  // a stored unit outside the importer's scope is never overwritten, whatever the check saw: such
  // a row is left out of the answer, and the caller refuses the import
  const inside = inScopeSql(scope, sql.raw('"units"."area_code"'));
  const a = await upsertUnits(db, existing, { ...replace, updatedAt: excluded('updatedAt') }, inside);
  const b = await upsertUnits(db, fresh, { ...fill, updatedAt: excluded('updatedAt') }, inside);
  return { inserted: a.inserted + b.inserted, updated: a.updated + b.updated };
}

/**
 * Inserts `values` in code order (the same lock order for every import), each chunk one statement;
 * a row whose code exists by then takes `onConflict` of its columns. Answers how many were new.
 */
export async function upsertUnits(db: DbOrTx, values: NewUnit[], onConflict: Record<string, SQL>, setWhere?: SQL): Promise<{ inserted: number; updated: number }> {
  const sorted = [...values].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  let inserted = 0;
  const rows = await inChunks(sorted, (chunk) =>
    db
      .insert(units)
      .values(chunk)
      .onConflictDoUpdate({ target: units.code, set: onConflict, setWhere })
      // xmax is 0 on a row this statement inserted, and the updating transaction's id otherwise
      .returning({ inserted: sql<boolean>`(xmax = 0)` }),
  );
  for (const r of rows) if (r.inserted) inserted++;
  return { inserted, updated: rows.length - inserted };
}

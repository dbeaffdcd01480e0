// The import's queries. Every list the file supplies (codes, names, usernames) is sent in chunks:
// a file of 70,000 distinct values must not pass one parameter per value in one statement
// (PostgreSQL's protocol carries at most 65,535 parameters; past that the driver fails: a 500).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { usernameKey } from '../../shared/domain/usernames.js';
import type { DbOrTx } from '../client.js';
import { units, users } from '../schema/index.js';
import { pacer } from '../../server/lib/pace.js';
import { inScopeSql } from './reach.js';
import { rowsOf } from '../rows.js';

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
  id: units.id,
  code: units.code,
  codeCounty: units.codeCounty,
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
 * The units inside `scope` with these codes, by code: a code that names no county may be held in
 * several counties (migration 0018); a unit outside the scope is never read, so an import learns
 * nothing of it. With `lock`, each chunk is locked in code order: two imports of the same codes
 * take their row locks in one order, and so cannot deadlock on them.
 */
export async function unitsByCode(db: DbOrTx, codes: string[], scope: string | null, opts: { lock?: boolean } = {}): Promise<Map<string, StoredUnit[]>> {
  const sorted = [...new Set(codes)].sort();
  const rows = await inChunks(sorted, (chunk) => {
    const query = db
      .select(storedColumns)
      .from(units)
      .where(and(inArray(units.code, chunk), inScopeSql(scope, unitArea)))
      .orderBy(asc(units.code), asc(units.id));
    return opts.lock ? query.for('update') : query;
  });
  const out = new Map<string, StoredUnit[]>();
  for (const r of rows) (out.get(r.code) ?? out.set(r.code, []).get(r.code)!).push(r);
  return out;
}

/** Units (code, name) inside `scope` whose name is one of `names`: a warning names no unit the importer cannot see. */
export async function unitsNamed(db: DbOrTx, names: string[], scope: string | null): Promise<{ id: string; code: string; name: string; areaCode: string | null }[]> {
  return inChunks([...new Set(names)], (chunk) =>
    db.select({ id: units.id, code: units.code, name: units.name, areaCode: units.areaCode }).from(units).where(and(inArray(units.name, chunk), inScopeSql(scope, unitArea))),
  );
}

/** Which of `codes` name a stored unit inside `scope`. */
export async function knownCodes(db: DbOrTx, codes: string[], scope: string | null): Promise<Set<string>> {
  const rows = await inChunks([...new Set(codes)], (chunk) => db.select({ code: units.code }).from(units).where(and(inArray(units.code, chunk), inScopeSql(scope, unitArea))));
  return new Set(rows.map((r) => r.code));
}

/** A row as the import writes it: the unit's id when it exists (locked and compared), its fields. */
export interface ImportedUnit {
  id: string | null;
  code: string;
  name: string | null;
  kind: string | null;
  parentCode: string | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  wiringDue: string | null;
  connectionDue: string | null;
  areaCode: string | null;
  assigneeId?: string | null;
}

/** The staged columns: the import's field, its column in units, and its SQL type. */
const STAGED = [
  ['id', 'id', 'uuid'],
  ['code', 'code', 'text'],
  ['name', 'name', 'text'],
  ['kind', 'kind', 'text'],
  ['parentCode', 'parent_code', 'text'],
  ['contactName', 'contact_name', 'text'],
  ['contactPhone', 'contact_phone', 'text'],
  ['address', 'address', 'text'],
  ['wiringDue', 'wiring_due', 'date'],
  ['connectionDue', 'connection_due', 'date'],
  ['areaCode', 'area_code', 'text'],
  ['assigneeId', 'assignee_id', 'uuid'],
] as const;
type Column = Exclude<(typeof STAGED)[number][0], 'id' | 'code'>;
const columnOf = Object.fromEntries(STAGED.map(([f, c]) => [f, c])) as Record<Column, string>;

/** Rows per staging statement: one JSON parameter each, so the protocol's parameter limit never applies. */
const STAGE_ROWS = 5000;

/**
 * Writes an import, set-based (issue 28): every row staged into a temporary table (a JSON array per
 * 5,000 rows), then ONE update of the existing units (locked and compared by the caller: they take
 * the file's merged values) and ONE insert of the others in code order. A new row whose code
 * another writer used meanwhile (in the same county) keeps, for each blank cell, what that writer
 * set (`required` columns always take the file's). A stored unit outside the importer's scope is
 * never overwritten: such a row is left out of the counts, and the caller refuses the import.
 */
export async function writeImported(
  db: DbOrTx,
  rows: ImportedUnit[],
  { columns, required, scope, now, progress }: { columns: Column[]; required: readonly string[]; scope: string | null; now: Date; progress: unknown },
): Promise<{ inserted: number; updated: number }> {
  await db.execute(sql.raw(`create temp table import_stage (${STAGED.map(([, c, t]) => `${c} ${t}`).join(', ')}) on commit drop`));
  const spec = sql.raw(STAGED.map(([, c, t]) => `${c} ${t}`).join(', '));
  const pace = pacer();
  for (let i = 0; i < rows.length; i += STAGE_ROWS) {
    const chunk = rows.slice(i, i + STAGE_ROWS).map((r) => Object.fromEntries(STAGED.map(([f, c]) => [c, r[f] ?? null])));
    await db.execute(sql`insert into import_stage select * from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(${spec})`);
    await pace();
  }
  const inside = inScopeSql(scope, sql.raw('u.area_code'));
  const set = (c: Column) => sql.raw(`${columnOf[c]} = s.${columnOf[c]}`);
  const [upd] = await rowsOf<{ n: number }>(
    db,
    sql`with w as (update units u set ${sql.join(columns.map(set), sql`, `)}, updated_at = ${now.toISOString()}::timestamptz
          from import_stage s where s.id is not null and u.id = s.id and ${inside} returning 1)
        select count(*)::int as n from w`,
  );
  const cols = ['code', ...columns];
  const names = sql.raw(cols.map((c) => (c === 'code' ? 'code' : columnOf[c as Column])).join(', '));
  const fill = (c: Column) => {
    const col = columnOf[c];
    return sql.raw(required.includes(c) ? `${col} = excluded.${col}` : `${col} = coalesce(excluded.${col}, u.${col})`);
  };
  const [ins] = await rowsOf<{ inserted: number; total: number }>(
    db,
    sql`with w as (
          insert into units as u (${names}, progress, created_at, updated_at)
          select ${sql.raw(cols.map((c) => `s.${c === 'code' ? 'code' : columnOf[c as Column]}`).join(', '))}, ${JSON.stringify(progress)}::jsonb, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
          from import_stage s where s.id is null order by s.code
          on conflict ((coalesce(code_county, area_code, '')), code) do update set ${sql.join(columns.map(fill), sql`, `)}, updated_at = excluded.updated_at
          where ${inside}
          -- xmax is 0 on a row this statement inserted, and the updating transaction's id otherwise
          returning (xmax = 0) as inserted)
        select (count(*) filter (where inserted))::int as inserted, count(*)::int as total from w`,
  );
  await db.execute(sql`drop table import_stage`);
  return { inserted: ins.inserted, updated: upd.n + ins.total - ins.inserted };
}

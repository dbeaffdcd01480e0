// The import's queries. Every list the file supplies (codes, names, usernames) is sent as ONE
// JSON parameter and unpacked in SQL (`anyOf`): one statement however long the file, and never
// one parameter per value (PostgreSQL's protocol carries at most 65,535; past that the driver
// fails: a 500). Each list used to go in chunks of 1,000 values, some 40 round trips per list for
// the national list of townships (issue 28).
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { usernameKey } from '../../shared/domain/usernames.js';
import type { DbOrTx } from '../client.js';
import { units, users } from '../schema/index.js';
import { pacer } from '../../server/lib/pace.js';
import { inScopeSql } from './reach.js';
import { rowsOf } from '../rows.js';

/** `column = any(values)`, the values sent as one JSON parameter (of `type`, so the column's index serves). */
const anyOf = (column: SQL | typeof units.code, values: string[], type: 'text' | 'uuid' = 'text') =>
  sql`${column} = any(array(select v::${sql.raw(type)} from jsonb_array_elements_text(${JSON.stringify([...new Set(values)])}::jsonb) as v))`;

const unitArea = sql`${units.areaCode}`;

/**
 * Active technicians among `names` inside `scope`, by their username keys
 * (shared/domain/usernames.ts): never PostgreSQL's lower().
 */
/** The active technicians inside `scope` named by `names`, by username key: their ids and their own scopes (which units they may look after). */
export async function technicianIds(db: DbOrTx, names: string[], scope: string | null): Promise<Map<string, { id: string; scope: string | null }>> {
  const rows = await db
    .select({ id: users.id, key: users.usernameKey, scope: users.scope })
    .from(users)
    .where(and(anyOf(sql`${users.usernameKey}`, names.map(usernameKey)), eq(users.role, 'technician'), eq(users.disabled, false), inScopeSql(scope, sql`${users.scope}`)));
  return new Map(rows.map((r) => [r.key, { id: r.id, scope: r.scope }]));
}

export async function usernames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: users.id, username: users.username }).from(users).where(anyOf(sql`${users.id}`, ids, 'uuid'));
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
 * nothing of it. With `lock`, the rows are locked in code order (one statement: the lock is taken
 * above the sort): two imports of the same codes take their row locks in one order, and so cannot
 * deadlock on them.
 */
export async function unitsByCode(db: DbOrTx, codes: string[], scope: string | null, opts: { lock?: boolean } = {}): Promise<Map<string, StoredUnit[]>> {
  const query = db
    .select(storedColumns)
    .from(units)
    .where(and(anyOf(units.code, codes), inScopeSql(scope, unitArea)))
    .orderBy(asc(units.code), asc(units.id));
  const rows = await (opts.lock ? query.for('update') : query);
  const out = new Map<string, StoredUnit[]>();
  for (const r of rows) (out.get(r.code) ?? out.set(r.code, []).get(r.code)!).push(r);
  return out;
}

/** Units (code, name) inside `scope` whose name is one of `names`: a warning names no unit the importer cannot see. */
export async function unitsNamed(db: DbOrTx, names: string[], scope: string | null): Promise<{ id: string; code: string; name: string; areaCode: string | null }[]> {
  return db.select({ id: units.id, code: units.code, name: units.name, areaCode: units.areaCode }).from(units).where(and(anyOf(sql`${units.name}`, names), inScopeSql(scope, unitArea)));
}

/** Which of `codes` name a stored unit inside `scope`. */
export async function knownCodes(db: DbOrTx, codes: string[], scope: string | null): Promise<Set<string>> {
  const rows = await db.select({ code: units.code }).from(units).where(and(anyOf(units.code, codes), inScopeSql(scope, unitArea)));
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

/**
 * The rows of `source` (with a `code` column) and the county each code names, `code_county`: the
 * set-based form of unit_code_county (migrations 0018, 0024), two hash joins against the area tree
 * instead of a look-up per row. A valid 统一社会信用代码 names the county of its characters 3–8,
 * else a code beginning with a county's 6 digits names that county. Held equal to unit_code_county
 * by tests/api/unit-codes.county.test.ts.
 */
export const withCodeCounty = (source: SQL) => sql`
  select x.*, coalesce(a1.code, a2.code) as code_county from (${source}) x
  left join areas a1 on a1.level = 'county' and a1.code = substr(x.code, 3, 6) and length(x.code) = 18 and uscc_valid(x.code)
  left join areas a2 on a2.level = 'county' and a2.code = left(x.code, 6) and x.code ~ '^[0-9]{6}'`;

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
  // the planner knows nothing of a fresh temporary table: guessing 50 rows, it joins the area tree
  // to 41,352 rows in a nested loop (a minute). Counted, it hashes (a few ms).
  await db.execute(sql`analyze import_stage`);
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
  // the codes' counties filled here for the whole set (migration 0024), not by 0018's trigger row by row
  await db.execute(sql`select set_config('zw.code_county_given', 'on', true)`);
  const [ins] = await rowsOf<{ inserted: number; total: number }>(
    db,
    sql`with w as (
          insert into units as u (${names}, code_county, progress, created_at, updated_at)
          select ${sql.raw(cols.map((c) => `s.${c === 'code' ? 'code' : columnOf[c as Column]}`).join(', '))}, s.code_county, ${JSON.stringify(progress)}::jsonb, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
          from (${withCodeCounty(sql`select * from import_stage where id is null`)}) s order by s.code
          on conflict ((coalesce(code_county, area_code, '')), code) do update set ${sql.join(columns.map(fill), sql`, `)}, updated_at = excluded.updated_at
          where ${inside}
          -- xmax is 0 on a row this statement inserted, and the updating transaction's id otherwise
          returning (xmax = 0) as inserted)
        select (count(*) filter (where inserted))::int as inserted, count(*)::int as total from w`,
  );
  // an error above ends the transaction, and the setting with it; after a success, later writes in
  // this transaction get the trigger again
  await db.execute(sql`select set_config('zw.code_county_given', 'off', true)`);
  await db.execute(sql`drop table import_stage`);
  return { inserted: ins.inserted, updated: upd.n + ins.total - ins.inserted };
}

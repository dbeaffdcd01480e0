// The units' SQL: one unit through the caller's reach, the list with its filters and the scope,
// writes, the technician, assignee and county lookups the rules need. The rules themselves are
// in server/features/units/units.service.ts.
import { paginate } from '../paginate.js';
import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { areas, settings, units, users } from '../schema/index.js';
import { normalizeCode } from '../../shared/domain/codes.js';
import type { Progress } from '../../shared/domain/progress.js';
import type { Unit } from '../../shared/schemas/units.js';
import { isUuid } from '../../server/lib/errors.js';
import { likePattern } from '../../server/lib/query.js';
import { iso } from '../../server/lib/time.js';
import { inScopeSql, unitInReach, type Reach } from './reach.js';

export type UnitRow = typeof units.$inferSelect;

const unitArea = sql`${units.areaCode}`;

/** A unit as the API has it; `areaName` is its county's name (the row holds the code only). */
export const toUnit = (r: UnitRow, areaName: string | null): Unit => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  parentCode: r.parentCode,
  areaCode: r.areaCode,
  areaName: r.areaCode ? areaName : null,
  contactName: r.contactName,
  contactPhone: r.contactPhone,
  address: r.address,
  wiringDue: r.wiringDue,
  connectionDue: r.connectionDue,
  assigneeId: r.assigneeId,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  progress: r.progress,
});

/** The parts of a unit's progress stored beside it in plain columns, for lists and reports. */
export function progressFacts(p: Progress) {
  return {
    wiringStatus: p.wiring.status,
    connectionStatus: p.connection.status,
    registrationStatus: p.registration.status,
    onboarded: p.onboarded,
    lastEventAt: p.lastEventAt,
    refusedAt: p.wiring.status === 'blocked' && p.wiring.blockedBy === 'refused' ? p.wiring.blockedAt ?? null : null,
    postponements: p.postponements,
    firstPostponedAt: p.firstPostponedAt,
    connectionAt: p.connection.status === 'done' ? p.connection.since : null,
  };
}

const instant = (iso: string | null) => (iso ? new Date(iso) : null);

/** The progress and its facts, as drizzle writes them. */
export function progressColumns(p: Progress) {
  const f = progressFacts(p);
  return {
    ...f,
    progress: p,
    lastEventAt: instant(f.lastEventAt),
    refusedAt: instant(f.refusedAt),
    firstPostponedAt: instant(f.firstPostponedAt),
    connectionAt: instant(f.connectionAt),
  };
}

// Read on every step: built once per database handle, a named statement on each connection.
// The reach is two parameters: a contact's own unit (else null), or a scope's pattern (null: all).
const unitInReachById = new WeakMap<DbOrTx, ReturnType<typeof prepareUnitInReach>>();
const prepareUnitInReach = (db: DbOrTx) =>
  db
    .select()
    .from(units)
    .where(
      and(
        eq(units.id, sql.placeholder('id')),
        sql`(${sql.placeholder('own')}::uuid is null or ${units.id} = ${sql.placeholder('own')}::uuid)`,
        sql`(${sql.placeholder('pattern')}::text is null or ${units.areaCode} like ${sql.placeholder('pattern')}::text)`,
      ),
    )
    .limit(1)
    .prepare('unit_in_reach');

/** A uuid no unit has: a contact without a unit reaches none. */
const NO_UNIT = '00000000-0000-0000-0000-000000000000';

/**
 * The unit behind an id if it lies inside the reach (a contact's own unit, a scope's units);
 * otherwise none, as for an id that names nothing. With `lock`, the row is locked for update.
 */
export async function findUnitInReach(db: DbOrTx, reach: Reach, id: string, opts: { lock?: boolean } = {}): Promise<UnitRow | undefined> {
  if (!isUuid(id)) return undefined;
  if (opts.lock) {
    const [locked] = await db.select().from(units).where(and(eq(units.id, id), unitInReach(reach, { id: sql`${units.id}`, area: unitArea }))).limit(1).for('update');
    return locked;
  }
  // inScopeSql checks the scope is an area code: the pattern below is built from the same one
  inScopeSql(reach.role === 'unit' ? null : reach.scope);
  const own = reach.role === 'unit' ? (reach.unitId ?? NO_UNIT) : null;
  const pattern = reach.role !== 'unit' && reach.scope !== null ? `${reach.scope}%` : null;
  let query = unitInReachById.get(db);
  if (!query) unitInReachById.set(db, (query = prepareUnitInReach(db)));
  const [row] = await query.execute({ id, own, pattern });
  return row;
}

/** A unit by id whatever the reach: for a step already read through it, and for scripts. */
export async function findUnit(db: DbOrTx, id: string, opts: { lock?: boolean } = {}): Promise<UnitRow | undefined> {
  if (!isUuid(id)) return undefined;
  const query = db.select().from(units).where(eq(units.id, id)).limit(1);
  const [row] = await (opts.lock ? query.for('update') : query);
  return row;
}

/**
 * The unit that holds `code` where it is unique (migration 0018): `county` is the county the code
 * names, else the county of the unit it would be (null: none). Asked only after the code's own
 * county was found inside the caller's scope, so it answers nothing about another county's codes.
 */
export async function findUnitByCodeIn(db: DbOrTx, code: string, county: string | null): Promise<UnitRow | undefined> {
  const [row] = await db
    .select()
    .from(units)
    .where(and(eq(units.code, code), sql`coalesce(${units.codeCounty}, ${units.areaCode}, '') = ${county ?? ''}`))
    .limit(1);
  return row;
}

export interface UnitFilter {
  page: number;
  pageSize: number;
  /** the area the caller sees (null: the whole installation); always applied */
  scope: string | null;
  /** an area inside the scope (already narrowed): its subtree */
  area?: string | null;
  q?: string;
  kind?: UnitRow['kind'];
  stage?: 'wiring' | 'connection' | 'registration';
  status?: string;
  onboarded?: boolean;
  parentCode?: string;
  /** a technician's id, or `none` */
  assignee?: string;
}

const statusColumn = { wiring: units.wiringStatus, connection: units.connectionStatus, registration: units.registrationStatus };
export async function listUnits(db: DbOrTx, f: UnitFilter) {
  const where: SQL[] = [];
  if (f.scope) where.push(inScopeSql(f.scope, unitArea));
  if (f.area && f.area !== f.scope) where.push(inScopeSql(f.area, unitArea));
  // a code is searched for in its stored form: ６２１２ finds 6212
  if (f.q) where.push(or(ilike(units.name, likePattern(f.q)), ilike(units.code, likePattern(normalizeCode(f.q))))!);
  if (f.kind) where.push(eq(units.kind, f.kind));
  if (f.stage && f.status) where.push(eq(statusColumn[f.stage], f.status));
  if (f.onboarded !== undefined) where.push(eq(units.onboarded, f.onboarded));
  if (f.parentCode) where.push(eq(units.parentCode, f.parentCode));
  if (f.assignee === 'none') where.push(isNull(units.assigneeId));
  else if (f.assignee) where.push(isUuid(f.assignee) ? eq(units.assigneeId, f.assignee) : sql`false`);
  const filter = where.length ? and(...where) : undefined;
  const select = (limit: number, offset: number) =>
    db.select({ unit: units, areaName: areas.name }).from(units).leftJoin(areas, eq(areas.code, units.areaCode)).where(filter).orderBy(asc(units.code)).limit(limit).offset(offset);
  return paginate(db, f, { table: units, filter, select }, (r) => toUnit(r.unit, r.areaName));
}

export type NewUnit = typeof units.$inferInsert;

export async function insertUnit(db: DbOrTx, values: NewUnit): Promise<UnitRow> {
  const [row] = await db.insert(units).values(values).returning();
  return row;
}

export async function updateUnit(db: DbOrTx, id: string, values: Partial<NewUnit>): Promise<UnitRow> {
  const [row] = await db.update(units).set(values).where(eq(units.id, id)).returning();
  return row;
}

/** Sets the technician of the units named (ids, or a 片区) that lie inside `scope`; answers how many. */
export async function assignUnits(db: DbOrTx, scope: string | null, { technicianId, unitIds, parentCode }: { technicianId: string | null; unitIds?: string[]; parentCode?: string }): Promise<number> {
  const ids = unitIds?.filter(isUuid);
  const where = and(
    ids ? inArray(units.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000']) : undefined,
    parentCode ? eq(units.parentCode, parentCode) : undefined,
    scope ? inScopeSql(scope, unitArea) : undefined,
  );
  const rows = await db.update(units).set({ assigneeId: technicianId, updatedAt: new Date() }).where(where).returning({ id: units.id });
  return rows.length;
}

/** A user by id, as far as being a unit's technician goes. */
export async function findTechnician(db: DbOrTx, id: string): Promise<{ role: string; disabled: boolean; scope: string | null } | undefined> {
  if (!isUuid(id)) return undefined;
  const [user] = await db.select({ role: users.role, disabled: users.disabled, scope: users.scope }).from(users).where(eq(users.id, id)).limit(1);
  return user;
}

export interface AreaRow {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
}

/** The areas with these codes (the tree is static: loaded by migration 0015, never edited). */
export async function areasByCode(db: DbOrTx, codes: string[]): Promise<Map<string, AreaRow>> {
  const wanted = [...new Set(codes)];
  const out = new Map<string, AreaRow>();
  for (let i = 0; i < wanted.length; i += 1000) {
    const rows = await db.select({ code: areas.code, name: areas.name, level: areas.level }).from(areas).where(inArray(areas.code, wanted.slice(i, i + 1000)));
    for (const r of rows) out.set(r.code, r);
  }
  return out;
}

export async function areaName(db: DbOrTx, code: string | null): Promise<string | null> {
  if (!code) return null;
  return (await areasByCode(db, [code])).get(code)?.name ?? null;
}

/** The counties inside `scope` (null: all) whose name is one of `names`: a name may have several. */
export async function countiesNamed(db: DbOrTx, names: string[], scope: string | null): Promise<Map<string, string[]>> {
  const wanted = [...new Set(names)];
  const out = new Map<string, string[]>();
  for (let i = 0; i < wanted.length; i += 1000) {
    const rows = await db
      .select({ code: areas.code, name: areas.name })
      .from(areas)
      .where(and(eq(areas.level, 'county'), inArray(areas.name, wanted.slice(i, i + 1000)), inScopeSql(scope, sql`${areas.code}`)))
      .orderBy(asc(areas.code));
    for (const r of rows) (out.get(r.name) ?? out.set(r.name, []).get(r.name)!).push(r.code);
  }
  return out;
}

/** The installation's home area (settings), the county a unit gets when nothing else names one. */
export async function homeArea(db: DbOrTx): Promise<string | null> {
  const [row] = await db.select({ homeArea: settings.homeArea }).from(settings).where(eq(settings.id, 1)).limit(1);
  return row?.homeArea ?? null;
}

/** The display names of these users (a unit's technician, an export's column). */
export async function displayNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter(isUuid);
  const out = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += 1000) {
    for (const u of await db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, wanted.slice(i, i + 1000)))) {
      out.set(u.id, u.displayName);
    }
  }
  return out;
}

/** The unit behind an id inside the actor's reach (findUnitInReach, for callers holding an actor). */
export const visibleUnit = (db: DbOrTx, actor: { reach: Reach }, id: string, opts: { lock?: boolean } = {}) => findUnitInReach(db, actor.reach, id, opts);

import { paginate } from '../../../db/paginate.js';
import { and, asc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { units } from '../../../db/schema/index.js';
import { normalizeCode } from '../../../shared/domain/codes.js';
import type { Progress } from '../../../shared/domain/progress.js';
import type { Unit } from '../../../shared/schemas/units.js';
import { isUuid } from '../../lib/errors.js';
import { likePattern } from '../../lib/query.js';
import { iso } from '../../lib/time.js';

export type UnitRow = typeof units.$inferSelect;

export const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  parentCode: r.parentCode,
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
const unitById = new WeakMap<DbOrTx, ReturnType<typeof prepareUnitById>>();
const prepareUnitById = (db: DbOrTx) => db.select().from(units).where(eq(units.id, sql.placeholder('id'))).limit(1).prepare('unit_by_id');

export async function findUnit(db: DbOrTx, id: string, opts: { lock?: boolean } = {}): Promise<UnitRow | undefined> {
  if (!isUuid(id)) return undefined;
  if (opts.lock) {
    const [locked] = await db.select().from(units).where(eq(units.id, id)).limit(1).for('update');
    return locked;
  }
  let query = unitById.get(db);
  if (!query) unitById.set(db, (query = prepareUnitById(db)));
  const [row] = await query.execute({ id });
  return row;
}

export async function findUnitByCode(db: DbOrTx, code: string): Promise<UnitRow | undefined> {
  const [row] = await db.select().from(units).where(eq(units.code, code)).limit(1);
  return row;
}

export interface UnitFilter {
  page: number;
  pageSize: number;
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
  // a code is searched for in its stored form: ６２１２ finds 6212
  if (f.q) where.push(or(ilike(units.name, likePattern(f.q)), ilike(units.code, likePattern(normalizeCode(f.q))))!);
  if (f.kind) where.push(eq(units.kind, f.kind));
  if (f.stage && f.status) where.push(eq(statusColumn[f.stage], f.status));
  if (f.onboarded !== undefined) where.push(eq(units.onboarded, f.onboarded));
  if (f.parentCode) where.push(eq(units.parentCode, f.parentCode));
  if (f.assignee === 'none') where.push(isNull(units.assigneeId));
  else if (f.assignee) where.push(isUuid(f.assignee) ? eq(units.assigneeId, f.assignee) : sql`false`);
  const filter = where.length ? and(...where) : undefined;
  return paginate(db, f, { table: units, filter, select: (limit, offset) => db.select().from(units).where(filter).orderBy(asc(units.code)).limit(limit).offset(offset) }, toUnit);
}

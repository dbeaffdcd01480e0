// The units' rules: which county a unit sits in, who may place it there, and the scope every
// read and write of a unit keeps (docs/contract/areas.md, "Scopes": a unit outside the caller's scope does not
// exist for it). Takes a plain Actor; the SQL is in db/queries/units.ts. A unit is read through
// the actor's reach, and a write judges the scope by the reach re-read under lock in its own
// transaction (an office narrowed while its request was in flight acts under its new scope).
import type { DbOrTx } from '../../../db/client.js';
import { inScope, narrowTo } from '../../../shared/domain/areas.js';
import { initialProgress } from '../../../shared/domain/progress.js';
import { dueOrderProblem } from '../../../shared/domain/deadlines.js';
import { defaultCounty, defaultCountyCandidates } from '../../../shared/domain/unit-area.js';
import type { UnitDetail } from '../../../shared/schemas/unit-detail.js';
import type { AssignUnits, CreateUnit, PatchUnit, Unit } from '../../../shared/schemas/units.js';
import { actingNow, type Actor } from '../../lib/actor.js';
import { appendAudit } from '../../../db/queries/audit.js';
import { fail, isUniqueViolation } from '../../lib/errors.js';
import { unitOutOfReach } from '../../lib/unit-reach.js';
import { toUnitDetail } from './unit-detail.js';
import { codeCountyInScope } from './unit-codes.js';
import {
  areaName,
  areasByCode,
  assignUnits,
  findTechnician,
  findUnitByCodeIn,
  findUnitInReach,
  homeArea,
  insertUnit,
  listUnits,
  progressColumns,
  toUnit,
  updateUnit,
  type UnitFilter,
  type UnitRow,
} from '../../../db/queries/units.js';


const taken = (code: string) => fail.conflict(`unit code ${code} already exists`, [{ field: 'code', message: 'already exists' }]);
const notFound = () => fail.notFound('unit');

/** An active technician inside the actor's scope (else 400); answers the technician's own scope. */
export async function requireTechnician(db: DbOrTx, actor: Actor, id: string, field = 'assigneeId'): Promise<string | null> {
  const user = await findTechnician(db, id);
  if (!user || user.role !== 'technician' || user.disabled || !inScope(actor.scope, user.scope)) {
    throw fail.validation(`${field} must name an active technician`, [{ field, message: 'must name an active technician' }]);
  }
  return user.scope;
}

/** Why a technician of `techScope` may not look after a unit in `areaCode`, or null (the import asks the same). */
export function notSeenBy(techScope: string | null, areaCode: string | null): string | null {
  // a unit looked after by a technician who cannot see it would be a dead letter
  return inScope(techScope, areaCode) ? null : '该技术员的管辖范围不包括这个单位所在的区县';
}

/** A unit looked after by a technician who cannot see it would be a dead letter: the unit must lie in the technician's scope. */
function requireSeenBy(techScope: string | null, areaCode: string | null, field = 'assigneeId') {
  const message = notSeenBy(techScope, areaCode);
  if (message) throw fail.validation(`${field} names a technician whose scope does not hold the unit`, [{ field, message }]);
}

/** The unit's own due dates, as they stand after the write, in order (shared/domain/deadlines.ts). */
function requireDueOrder(wiringDue: string | null | undefined, connectionDue: string | null | undefined) {
  const message = dueOrderProblem(wiringDue, connectionDue);
  if (message) throw fail.validation('connectionDue is before wiringDue', [{ field: 'connectionDue', message }]);
}

/** A code named as a unit's county: a county of the tree (400), inside the actor's scope (403). */
async function checkCounty(db: DbOrTx, actor: Actor, code: string, how = ''): Promise<string> {
  const area = (await areasByCode(db, [code])).get(code);
  if (!area || area.level !== 'county') {
    throw fail.validation(`areaCode ${code} names no county`, [{ field: 'areaCode', message: `所属区县代码 ${code} 不是一个区县` }]);
  }
  // 403, as for a user's scope (docs/contract/api.md): the tree is public, so this tells nothing about units
  if (!inScope(actor.scope, code)) throw fail.forbidden(`所属区县 ${area.name}（${code}）${how}不在您的管辖范围内`);
  return code;
}

/** The county of a unit being created (CreateUnit.areaCode says the order), checked against the scope. */
export async function countyForNew(db: DbOrTx, actor: Actor, unitCode: string, given: string | null | undefined): Promise<string | null> {
  if (given) return checkCounty(db, actor, given);
  const d = { creatorScope: actor.scope, homeArea: await homeArea(db) };
  const known = await areasByCode(db, defaultCountyCandidates(unitCode, d));
  const county = defaultCounty(unitCode, d, (c) => known.get(c)?.level === 'county');
  if (county) return checkCounty(db, actor, county, '（由单位编码或默认区县推定）');
  // a unit without a county lies outside every area: only the whole installation may make one
  if (actor.scope !== null) throw fail.validation('areaCode is required', [{ field: 'areaCode', message: '请填写所属区县：无法从单位编码推定' }]);
  return null;
}

/** The unit as the API answers it, with its county's name. */
const answer = async (db: DbOrTx, row: UnitRow): Promise<Unit> => toUnit(row, await areaName(db, row.areaCode));

export async function createUnit(db: DbOrTx, actor: Actor, body: CreateUnit): Promise<Unit> {
  try {
    const row = await db.transaction(async (tx) => {
      requireDueOrder(body.wiringDue, body.connectionDue);
      const me = await actingNow(tx, actor);
      // the code's county first: a code outside the scope is refused as such, whether or not it is taken
      const named = await codeCountyInScope(tx, me.scope, body.code);
      const areaCode = await countyForNew(tx, me, body.code, body.areaCode);
      if (body.assigneeId) requireSeenBy(await requireTechnician(tx, me, body.assigneeId), areaCode);
      if (await findUnitByCodeIn(tx, body.code, named ?? areaCode)) throw taken(body.code);
      const now = new Date();
      const created = await insertUnit(tx, { ...body, areaCode, createdAt: now, updatedAt: now, ...progressColumns(initialProgress(now.toISOString())) });
      await appendAudit(tx, me, [{ action: 'unit.create', target: created.id, details: { code: created.code, name: created.name, areaCode } }]);
      return created;
    });
    return await answer(db, row);
  } catch (err) {
    if (isUniqueViolation(err)) throw taken(body.code);
    throw err;
  }
}

export async function patchUnit(db: DbOrTx, actor: Actor, id: string, patch: PatchUnit): Promise<Unit> {
  let code: string | undefined = patch.code;
  try {
    const row = await db.transaction(async (tx) => {
      const me = await actingNow(tx, actor);
      const current = await findUnitInReach(tx, me.reach, id, { lock: true });
      if (!current) throw notFound();
      code ??= current.code;
      // a PATCH of one date is judged against the other as stored
      requireDueOrder(patch.wiringDue !== undefined ? patch.wiringDue : current.wiringDue, patch.connectionDue !== undefined ? patch.connectionDue : current.connectionDue);
      // a new code's county first, as on create: outside the scope it is refused, taken or free
      const named = patch.code !== undefined && patch.code !== current.code ? await codeCountyInScope(tx, me.scope, patch.code) : undefined;
      if (patch.areaCode) await checkCounty(tx, me, patch.areaCode);
      else if (patch.areaCode === null && me.scope !== null) throw fail.forbidden('不能将单位移出所有区县：它将不在您的管辖范围内');
      const area = patch.areaCode !== undefined ? patch.areaCode : current.areaCode;
      if (patch.assigneeId) requireSeenBy(await requireTechnician(tx, me, patch.assigneeId), area);
      // where the code is unique: its county, else the unit's county (which the PATCH may change)
      if (named !== undefined || area !== current.areaCode) {
        const holder = await findUnitByCodeIn(tx, code, named !== undefined ? (named ?? area) : (current.codeCounty ?? area));
        if (holder && holder.id !== current.id) throw taken(code);
      }
      const updated = await updateUnit(tx, current.id, { ...patch, updatedAt: new Date() });
      await appendAudit(tx, me, [{ action: 'unit.update', target: updated.id, details: { changed: patch } }]);
      return updated;
    });
    return await answer(db, row);
  } catch (err) {
    if (isUniqueViolation(err)) throw taken(code ?? '');
    throw err;
  }
}

/** One read through the reach: a contact's own unit, a scope's units; anything else is no row. */
export async function getUnit(db: DbOrTx, actor: Actor, id: string): Promise<UnitDetail> {
  const unit = await findUnitInReach(db, actor.reach, id);
  if (!unit) throw unitOutOfReach(actor, id);
  return toUnitDetail(db, unit);
}

export type UnitQuery = Omit<UnitFilter, 'scope' | 'area' | 'page' | 'pageSize'> & { area?: string };

/**
 * The list's filter for this actor: its scope always, `area` narrowed to it (an area outside the
 * scope, or one that does not exist, answers 404 as an area that names nothing), `me` its id.
 */
export async function unitFilterFor<Q extends UnitQuery>(db: DbOrTx, actor: Actor, q: Q): Promise<Q & Pick<UnitFilter, 'scope' | 'area'>> {
  const narrowed = narrowTo(actor.scope, q.area);
  if (!narrowed.ok) throw fail.notFound('area');
  if (q.area && !(await areasByCode(db, [q.area])).has(q.area)) throw fail.notFound('area');
  return { ...q, scope: actor.scope, area: narrowed.area, assignee: q.assignee === 'me' ? actor.id : q.assignee };
}

export async function listUnitsFor(db: DbOrTx, actor: Actor, q: UnitQuery & { page: number; pageSize: number }) {
  return listUnits(db, await unitFilterFor(db, actor, q));
}

/** Assigns a technician (inside the scope) to the units named that lie inside the scope; others are not counted. */
export async function assign(db: DbOrTx, actor: Actor, body: AssignUnits): Promise<{ updated: number }> {
  const { technicianId } = body;
  return db.transaction(async (tx) => {
    const me = await actingNow(tx, actor);
    // only the units the technician can see (inside its scope, which lies inside the actor's) are given to it
    const scope = technicianId ? await requireTechnician(tx, me, technicianId, 'technicianId') : me.scope;
    const updated = await assignUnits(tx, scope, body);
    await appendAudit(tx, me, [{ action: 'unit.assign', target: technicianId, details: { unitIds: body.unitIds?.length, parentCode: body.parentCode, updated } }]);
    return { updated };
  });
}

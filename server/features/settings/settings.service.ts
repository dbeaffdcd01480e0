// The settings as a caller sees them: the installation's (time zone, defaults, home area), or an
// area's effective deadlines with where each value comes from (areas.md "Scopes": an area without
// a value takes its nearest ancestor's, else the installation's).
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { units } from '../../../db/schema/index.js';
import { inScope } from '../../../shared/domain/areas.js';
import { effectiveAreaRules, setsNothing, type AreaOwnRules } from '../../../shared/domain/deadlines.js';
import type { Area } from '../../../shared/schemas/areas.js';
import type { AreaOwnSettings, AreaSettings, Settings } from '../../../shared/schemas/settings.js';
import type { Actor } from '../../lib/actor.js';
import { fail } from '../../lib/errors.js';
import { areaFor } from '../../lib/scope.js';
import { findArea } from '../../../db/queries/areas.js';
import { readAreaOverrides, readSettings, writeAreaOverride } from '../../../db/queries/settings.js';

const notFound = () => fail.notFound('area');

/**
 * The area whose settings a caller may read: inside its scope; a unit's contact (whose scope is
 * its unit) reads its own unit's county and that county's ancestors only.
 */
async function readableArea(db: DbOrTx, actor: Actor, code: string): Promise<Area> {
  if (actor.role === 'unit') {
    const [row] = actor.unitId ? await db.select({ areaCode: units.areaCode }).from(units).where(eq(units.id, actor.unitId)).limit(1) : [];
    if (!row?.areaCode || !row.areaCode.startsWith(code)) throw notFound();
    const area = await findArea(db, code);
    if (!area) throw notFound();
    return area;
  }
  return (await areaFor(db, actor, code))!;
}

export async function areaSettings(db: DbOrTx, area: Area): Promise<AreaSettings> {
  const [installation, overrides] = await Promise.all([readSettings(db), readAreaOverrides(db)]);
  const { rules, sources } = effectiveAreaRules(installation, overrides, area.code);
  return {
    area,
    timezone: installation.timezone,
    wiringDue: rules.wiringDue,
    connectionDue: rules.connectionDue,
    registrationGraceDays: rules.registrationGraceDays,
    stallDays: rules.stallDays,
    postponementLimit: rules.postponementLimit,
    own: overrides.get(area.code) ?? { wiringDue: null, connectionDue: null, registrationGraceDays: null, stallDays: null, postponementLimit: null },
    sources,
  };
}

/** GET /api/settings?area= */
export async function getSettings(db: DbOrTx, actor: Actor, area?: string): Promise<Settings | AreaSettings> {
  if (area === undefined) return readSettings(db);
  return areaSettings(db, await readableArea(db, actor, area));
}

/** The office whose scope holds the area (404 otherwise) sets that area's own values. */
export async function writableArea(db: DbOrTx, actor: Actor, code: string): Promise<Area> {
  if (!inScope(actor.scope, code)) throw notFound();
  return (await areaFor(db, actor, code))!;
}

/** PUT /api/settings?area=: the area's own values replaced (absent or null: inherit). */
export async function putAreaSettings(db: DbOrTx, area: Area, body: AreaOwnSettings): Promise<{ before: AreaOwnRules | null; after: AreaSettings }> {
  const own: AreaOwnRules = {
    wiringDue: body.wiringDue ?? null,
    connectionDue: body.connectionDue ?? null,
    registrationGraceDays: body.registrationGraceDays ?? null,
    stallDays: body.stallDays ?? null,
    postponementLimit: body.postponementLimit ?? null,
  };
  const before = (await readAreaOverrides(db)).get(area.code) ?? null;
  await writeAreaOverride(db, area.code, setsNothing(own) ? null : own);
  return { before, after: await areaSettings(db, area) };
}

/**
 * The installation's settings are every area's defaults: only a whole-installation office
 * changes them. The home area must be a county (a new unit's county).
 */
export async function checkInstallationWrite(db: DbOrTx, actor: Actor, body: Settings): Promise<void> {
  if (actor.scope !== null) throw fail.forbidden('只有管辖全部地区的办公室账号可以修改全局设置；本地区的截止日期请在“地区设置”中修改');
  if (body.homeArea) {
    const area = await findArea(db, body.homeArea);
    if (area?.level !== 'county') throw fail.validation('invalid body: homeArea must name a county', [{ field: 'homeArea', message: '须为一个区县的 6 位代码' }]);
  }
}

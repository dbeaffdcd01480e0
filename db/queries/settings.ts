// The installation's settings and each area's own deadlines, and the rules in force for a county.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { rowsOf } from '../rows.js';
import { unitInReach, type Reach } from './reach.js';
import { areaSettings, settings } from '../schema/index.js';
import { effectiveAreaRules, type AreaOwnRules } from '../../shared/domain/deadlines.js';
import type { OwnScoreThresholds } from '../../shared/domain/scorecard.js';
import { DEFAULT_SETTINGS, type Settings, type SettingsInput } from '../../shared/schemas/settings.js';

export async function readSettings(db: DbOrTx): Promise<Settings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1)).limit(1);
  if (!row) return DEFAULT_SETTINGS;
  const { id: _id, updatedAt: _at, ...rest } = row;
  return rest;
}

export async function writeSettings(db: DbOrTx, value: SettingsInput): Promise<Settings> {
  await db
    .insert(settings)
    .values({ id: 1, ...value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.id, set: { ...value, updatedAt: new Date() } });
  // read back: a PUT without signingOffice, homeArea or the record's settings keeps the stored one, and the answer shows it
  return readSettings(db);
}

/** Every area's own deadlines (few rows: the areas that set any), by area code. */
export async function readAreaOverrides(db: DbOrTx): Promise<Map<string, AreaOwnRules>> {
  const rows = await db.select().from(areaSettings);
  return new Map(rows.map(({ areaCode, updatedAt: _at, scoreGreen: _g, scoreYellow: _y, ...own }) => [areaCode, own]));
}

/** Every area's own scorecard thresholds (null: inherits), by area code. */
/**
 * Makes the writers of the scorecard's thresholds (an area's own, the installation's) wait for
 * each other until commit: each checks every pair in force after its own write, so two at once
 * would each check the state before the other's and could leave a county's yellow above the
 * green it inherits. A transaction-scoped advisory lock: no row need exist to be locked.
 */
export async function lockThresholdWriters(tx: DbOrTx): Promise<void> {
  // key 724003: 724001 is the migrations', 724002 the users' (db/queries/users.ts)
  await tx.execute(sql`select pg_advisory_xact_lock(724003)`);
}

export async function readAreaScores(db: DbOrTx): Promise<Map<string, OwnScoreThresholds>> {
  const rows = await db.select({ areaCode: areaSettings.areaCode, scoreGreen: areaSettings.scoreGreen, scoreYellow: areaSettings.scoreYellow }).from(areaSettings);
  return new Map(rows.map(({ areaCode, ...own }) => [areaCode, own]));
}

/** Sets an area's own values; one that sets nothing loses its row (no row: inherits everything). */
export async function writeAreaOverride(db: DbOrTx, areaCode: string, own: (AreaOwnRules & Partial<OwnScoreThresholds>) | null): Promise<void> {
  if (own === null) {
    await db.delete(areaSettings).where(eq(areaSettings.areaCode, areaCode));
    return;
  }
  await db
    .insert(areaSettings)
    .values({ areaCode, ...own, updatedAt: new Date() })
    .onConflictDoUpdate({ target: areaSettings.areaCode, set: { ...own, updatedAt: new Date() } });
}

/**
 * The rules of a unit placed in `areaCode` (its county, or null): the installation's settings
 * with the area's effective deadlines, as the reports use them.
 */
export async function rulesForArea(db: DbOrTx, areaCode: string | null): Promise<Settings> {
  const [installation, overrides] = await Promise.all([readSettings(db), readAreaOverrides(db)]);
  return effectiveAreaRules(installation, overrides, areaCode).rules;
}

/** Whether the database resolves the time zone `name` exactly as spelled (its list is case-exact; `at time zone` is not). */
export async function databaseHasZone(db: DbOrTx, name: string): Promise<boolean> {
  const [row] = await rowsOf<{ ok: boolean }>(db, sql`select exists (select 1 from pg_timezone_names where name = ${name}) as ok`);
  return row?.ok === true;
}

/** Replaces the stored time zone (the start-up repair of one the database or JavaScript cannot resolve). */
export async function writeTimeZone(db: DbOrTx, timezone: string): Promise<void> {
  await db.update(settings).set({ timezone, updatedAt: new Date() }).where(eq(settings.id, 1));
}

/**
 * The county of the unit a unit's contact reaches: the areas whose settings it reads are that
 * county and its ancestors. Null: no unit in the reach, or one without a county.
 */
export async function countyInReach(db: DbOrTx, reach: Reach): Promise<string | null> {
  if (reach.role !== 'unit') return null;
  const [row] = await rowsOf<{ area_code: string | null }>(db, sql`select u.area_code from units u where ${unitInReach(reach)} limit 1`);
  return row?.area_code ?? null;
}

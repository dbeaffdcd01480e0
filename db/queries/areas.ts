// The area tree as stored (migration 0015; never edited): look-ups by code and by parent.
import { asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { areas } from '../schema/index.js';
import { AREA_CODE } from '../../shared/domain/areas.js';
import type { Area } from '../../shared/schemas/areas.js';

const columns = { code: areas.code, name: areas.name, level: areas.level, parentCode: areas.parentCode };

export async function findArea(db: DbOrTx, code: string): Promise<Area | undefined> {
  if (!AREA_CODE.test(code)) return undefined;
  const [row] = await db.select(columns).from(areas).where(eq(areas.code, code)).limit(1);
  return row;
}

/** The areas named, in the order of `codes` (unknown codes left out). */
export async function findAreas(db: DbOrTx, codes: readonly string[]): Promise<Area[]> {
  if (codes.length === 0) return [];
  const rows = await db.select(columns).from(areas).where(inArray(areas.code, [...codes]));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return codes.flatMap((c) => byCode.get(c) ?? []);
}

/** An area's children by code; `parent` null: the provinces. */
export async function childAreas(db: DbOrTx, parent: string | null): Promise<Area[]> {
  return db
    .select(columns)
    .from(areas)
    .where(parent === null ? isNull(areas.parentCode) : eq(areas.parentCode, parent))
    .orderBy(asc(sql`${areas.code} collate "C"`));
}

/** Every county's code, read once: the tree is loaded by a migration and never edited. */
let counties: Promise<string[]> | undefined;
export function countyCodes(db: DbOrTx): Promise<string[]> {
  counties ??= db
    .select({ code: areas.code })
    .from(areas)
    .where(eq(areas.level, 'county'))
    .then((rows) => rows.map((r) => r.code))
    .catch((err) => {
      counties = undefined;
      throw err;
    });
  return counties;
}

/** The area and its ancestors with what each one's office set for its voice (落款, 文号 prefix): null when the code names no area. */
export async function voiceChain(db: DbOrTx, code: string): Promise<Array<Area & { signingOffice: string | null; docPrefix: string | null }> | null> {
  if (!AREA_CODE.test(code)) return null;
  const codes = [2, 4, 6].filter((n) => n <= code.length).map((n) => code.slice(0, n));
  const rows = await db
    .select({ ...columns, signingOffice: areas.signingOffice, docPrefix: areas.docPrefix })
    .from(areas)
    .where(inArray(areas.code, codes));
  return rows.some((r) => r.code === code) ? rows : null;
}

/** Sets an area's own 落款 and 文号 prefix (null: derived from its name). */
export async function writeAreaVoice(db: DbOrTx, code: string, voice: { signingOffice: string | null; docPrefix: string | null }): Promise<void> {
  await db.update(areas).set(voice).where(eq(areas.code, code));
}

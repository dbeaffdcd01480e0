// What a clerk is told of an import's names and cells before it is written: a name other units
// have (to confirm, row by row, when the row makes or renames a unit: docs/import.md), a 上级编码
// that names nothing (a warning only; a wiring due after the connection due is now a bad row,
// as on POST/PATCH /api/units: import.service.ts).
import type { DbOrTx } from '../../../db/client.js';
import { knownCodes, unitsNamed } from '../../../db/queries/import.js';
import type { ImportIssue, NameConfirmation } from '../../../shared/schemas/units.js';
import { pacer } from '../../lib/pace.js';
import { merged, type ValidRow } from './import.rows.js';

export type Conflict = Omit<NameConfirmation, 'confirmed'>;

/**
 * Names other units of the same county have (inside the importer's scope, or on another row of
 * the file): 城关镇 is the name of a hundred townships, one per county, and a national list must
 * not ask about each. A row that
 * makes a unit, or renames one, to such a name is a conflict the clerk must confirm (a second
 * 宕昌县融媒体中心 is more often a typo'd code than a new body); a unit keeping the name it had is
 * only warned of.
 */
export async function nameConflicts(db: DbOrTx, scope: string | null, rows: ValidRow[]): Promise<{ conflicts: Conflict[]; warnings: ImportIssue[] }> {
  const owners = new Map<string, Set<string>>();
  const key = (area: string | null, name: string) => `${area ?? ''}\u0000${name}`;
  const own = (k: string, code: string) => (owners.get(k) ?? owners.set(k, new Set()).get(k)!).add(code);
  const unitsInFile = new Set(rows.map((r) => r.unit?.id).filter(Boolean));
  const pace = pacer();
  for (const r of rows) {
    await pace();
    const after = merged(r);
    own(key(after.areaCode, after.name!), r.code);
  }
  const names = [...new Set(rows.map((r) => merged(r).name!))];
  for (const u of await unitsNamed(db, names, scope)) if (!unitsInFile.has(u.id)) own(key(u.areaCode, u.name), u.code);
  const conflicts: Conflict[] = [];
  const warnings: ImportIssue[] = [];
  for (const r of rows) {
    await pace();
    const after = merged(r);
    const name = after.name!;
    const others = [...owners.get(key(after.areaCode, name))!].filter((c) => c !== r.code);
    if (!others.length) continue;
    if (r.unit && r.unit.name === name) warnings.push({ row: r.row, field: 'name', message: `name ${name} is also used by unit ${others.slice(0, 3).join(', ')}` });
    else conflicts.push({ row: r.row, code: r.code, name, usedBy: others.slice(0, 3) });
  }
  return { conflicts, warnings };
}

/** Imported as written, but perhaps a mistake: said beside the check, never a refusal. */
export async function warningsOf(db: DbOrTx, scope: string | null, rows: ValidRow[]): Promise<ImportIssue[]> {
  const warnings: ImportIssue[] = [];
  const inFile = new Set(rows.map((r) => r.code));
  const parents = rows.map((r) => r.fields.parentCode).filter((p): p is string => Boolean(p) && !inFile.has(p!));
  const known = await knownCodes(db, parents, scope);
  const pace = pacer();
  for (const r of rows) {
    await pace();
    const parent = r.fields.parentCode;
    if (parent && !inFile.has(parent) && !known.has(parent)) warnings.push({ row: r.row, field: 'parentCode', message: `parentCode ${parent} names no unit` });
  }
  return warnings;
}

/** The refusal of a name conflict the clerk did not confirm. */
export const nameTaken = (c: Conflict): ImportIssue => ({
  row: c.row,
  field: 'name',
  message: `名称“${c.name}”已有单位使用（${c.usedBy.join('、')}）：如确为另一单位，请先检查文件并逐条确认同名后再导入`,
});

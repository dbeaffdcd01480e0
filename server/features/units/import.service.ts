// The import's rules, in the steps a file goes through: its cells checked (checkCells), its units
// placed in counties inside the importer's scope (import.areas.ts), compared with the stored
// units (the dry run stops there), then written and audited in one transaction. All or nothing:
// any bad row and nothing is written. Blank cells keep a unit's stored value; the clear marker
// empties it (import.columns.ts). The dry run and the import answer the same, except that only
// the import writes. The write judges the scope by the importer's reach as re-read under lock in
// its transaction. The SQL is in db/queries/import.ts.
import type { DbOrTx } from '../../../db/client.js';
import { initialProgress } from '../../../shared/domain/progress.js';
import { UnitFields, type ImportIssue, type ImportResult, type ImportUpdate, type NameConfirmation } from '../../../shared/schemas/units.js';
import { actingNow, type Actor } from '../../lib/actor.js';
import { appendAudit } from '../../../db/queries/audit.js';
import { fail } from '../../lib/errors.js';
import { pacer } from '../../lib/pace.js';
import type { ImportField } from './import.columns.js';
import type { ParsedFile } from './import.parse.js';
import { usernameKey } from '../../../shared/domain/usernames.js';
import { placeRows } from './import.areas.js';
import { technicianIds, unitsByCode, usernames, writeImported, type ImportedUnit, type StoredUnit } from '../../../db/queries/import.js';
import { codeOutsideMessage, countiesOfCodes } from './unit-codes.js';
import { inScope } from '../../../shared/domain/areas.js';
import { dueOrderProblem } from '../../../shared/domain/deadlines.js';
import { notSeenBy } from './units.service.js';
import { CELL_FIELDS, FIELDS, merged, REQUIRED, type ValidRow } from './import.rows.js';
import { nameConflicts, nameTaken, warningsOf } from './import.names.js';

export type { ValidRow };

const MAX_LISTED = 1000;

const Given = UnitFields.partial();

export interface CheckedFile {
  issues: ImportIssue[];
  rows: ValidRow[];
  hasAssignee: boolean;
  ignored: string[];
  /** the spreadsheet row of the header */
  headerRow?: number;
}

/** The rows whose cells are well formed, and the issues of the others (no row is placed yet). */
async function checkCells(db: DbOrTx, actor: Actor, file: ParsedFile): Promise<CheckedFile> {
  const issues: ImportIssue[] = [...file.issues];
  const rows: ValidRow[] = [];
  const hasAssignee = file.columns.includes('assignee');
  // a file that could not be read cleanly (its header, a cell) is not looked up
  if (issues.length > 0) return { issues, rows, hasAssignee, ignored: file.ignored, headerRow: file.headerRow };
  if (file.rows.length === 0) issues.push({ row: 2, field: 'file', message: 'the file has no rows under its header' });
  const named = file.rows.map((r) => r.values.assignee).filter((n): n is string => Boolean(n));
  const technicians = named.length ? await technicianIds(db, named, actor.scope) : new Map<string, { id: string; scope: string | null }>();
  const firstRowOf = new Map<string, number>();
  const pace = pacer();
  for (const { row, values: raw } of file.rows) {
    await pace();
    const { assignee, areaCode: area, ...values } = raw;
    let assigneeId: string | null | undefined = assignee === null ? null : undefined;
    let assigneeScope: string | null | undefined;
    if (assignee) {
      const technician = technicians.get(usernameKey(assignee));
      assigneeId = technician?.id;
      assigneeScope = technician?.scope;
      if (assigneeId === undefined) issues.push({ row, field: 'assignee', message: `no active technician named ${assignee}` });
    }
    const missing = REQUIRED.filter((f) => !values[f]);
    missing.forEach((field) => issues.push({ row, field, message: 'is required' }));
    const parsed = Given.safeParse(values);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const field = String(i.path[0] ?? 'row');
        if (!missing.includes(field as never)) issues.push({ row, field, message: i.message });
      }
      continue;
    }
    if (missing.length) continue;
    const code = parsed.data.code!;
    const earlier = firstRowOf.get(code);
    if (earlier) issues.push({ row, field: 'code', message: `code ${code} is also on row ${earlier}` });
    else firstRowOf.set(code, row);
    const fields: ValidRow['fields'] = {};
    for (const f of CELL_FIELDS) if (f in values) fields[f] = (parsed.data[f] as string | null | undefined) ?? null;
    rows.push({ row, code, ...(area !== undefined ? { area } : {}), fields, ...(hasAssignee && assigneeId !== undefined ? { assigneeId, assignee } : {}), ...(assigneeId ? { assigneeScope } : {}) });
  }
  return { issues, rows, hasAssignee, ignored: file.ignored, headerRow: file.headerRow };
}

/** Every bad row of the file, or its rows ready to compare and write: checked, then placed. */
export async function checkFile(db: DbOrTx, actor: Actor, file: ParsedFile): Promise<CheckedFile> {
  const checked = await checkCells(db, actor, file);
  // a code naming a county outside the scope is refused before any unit is looked up: the same
  // answer whether another county holds it or not (docs/contract/domain.md "The record")
  const named = await countiesOfCodes(db, checked.rows.map((r) => r.code));
  const outside: ImportIssue[] = [];
  const rows = checked.rows.filter((r) => {
    const county = named.get(r.code);
    const inside = !county || inScope(actor.scope, county);
    if (!inside) outside.push({ row: r.row, field: 'code', message: codeOutsideMessage(r.code) });
    return inside;
  });
  const stored = rows.length ? await unitsByCode(db, rows.map((r) => r.code), actor.scope) : new Map<string, StoredUnit[]>();
  const unplaced = rows.length ? await placeRows(db, actor, rows, stored) : [];
  // once placed, each row's unit as it would stand: POST/PATCH /api/units's rules on the whole unit
  const placed = rows.filter((r) => !unplaced.some((i) => i.row === r.row));
  const issues = [...checked.issues, ...outside, ...unplaced, ...placed.flatMap(unitRuleIssues)];
  issues.sort((a, b) => a.row - b.row);
  return { ...checked, issues, rows };
}

/**
 * The rules POST/PATCH /api/units keep on a unit as it stands after the write, in their words: the
 * technician the row names must see the unit's county (else its phone reaches a unit outside its
 * scope), and the unit's connection may not fall due before its wiring.
 */
function unitRuleIssues(r: ValidRow): ImportIssue[] {
  const after = merged(r);
  const issues: ImportIssue[] = [];
  const unseen = r.assigneeId ? notSeenBy(r.assigneeScope ?? null, after.areaCode) : null;
  if (unseen) issues.push({ row: r.row, field: 'assignee', message: unseen });
  const order = dueOrderProblem(after.wiringDue, after.connectionDue);
  if (order) issues.push({ row: r.row, field: 'connectionDue', message: order });
  return issues;
}

function changesOf(row: ValidRow, stored: StoredUnit, names: Map<string, string>): ImportUpdate['changes'] {
  const after = merged(row, stored);
  const changes: ImportUpdate['changes'] = [];
  for (const f of FIELDS) if ((stored[f] ?? null) !== after[f]) changes.push({ field: f, from: (stored[f] as string | null) ?? null, to: after[f] });
  if (row.assigneeId !== undefined && row.assigneeId !== stored.assigneeId) {
    changes.push({ field: 'assignee', from: stored.assigneeId ? (names.get(stored.assigneeId) ?? stored.assigneeId) : null, to: row.assignee ?? null });
  }
  return changes;
}

/** The counts and the per-unit changes of `rows` against the stored units. */
async function compare(db: DbOrTx, rows: ValidRow[]) {
  const names = await usernames(db, rows.map((r) => r.unit?.assigneeId).filter((id): id is string => Boolean(id)));
  const changes: ImportUpdate[] = [];
  let updated = 0;
  let unchanged = 0;
  let changed = 0;
  const pace = pacer();
  for (const row of rows) {
    await pace();
    const unit = row.unit;
    if (!unit) continue;
    updated++;
    const diff = changesOf(row, unit, names);
    if (!diff.length) unchanged++;
    else if (++changed <= MAX_LISTED) changes.push({ row: row.row, code: row.code, name: merged(row, unit).name!, changes: diff });
  }
  return { created: rows.length - updated, updated, unchanged, changes, changesOmitted: Math.max(0, changed - MAX_LISTED) };
}

const listed = (warnings: ImportIssue[]) => ({ warnings: warnings.slice(0, MAX_LISTED), ...(warnings.length > MAX_LISTED ? { warningsOmitted: warnings.length - MAX_LISTED } : {}) });

/** The dry run's answer: what the import would do, read without locks, with the warnings and the names to confirm. */
async function previewImport(db: DbOrTx, actor: Actor, file: CheckedFile, names: { confirmations: NameConfirmation[]; warnings: ImportIssue[] }): Promise<ImportResult> {
  const counts = await compare(db, file.rows);
  const warnings = [...names.warnings, ...(await warningsOf(db, actor.scope, file.rows))].sort((a, b) => a.row - b.row);
  const c = names.confirmations;
  return {
    ...counts,
    dryRun: true,
    ...listed(warnings),
    ignoredColumns: file.ignored,
    headerRow: file.headerRow,
    nameConfirmations: c.slice(0, MAX_LISTED),
    ...(c.length > MAX_LISTED ? { nameConfirmationsOmitted: c.length - MAX_LISTED } : {}),
  };
}

/**
 * The import, inside the caller's transaction. The units that exist are locked first, in code
 * order, and compared under the lock, so a blank cell keeps what is stored at this instant; then
 * every row is written in code order. Two imports of the same codes therefore queue rather than
 * deadlock. Its answer has the changes, not the warnings: those were the check's.
 */
async function writeImport(tx: DbOrTx, actor: Actor, file: CheckedFile): Promise<ImportResult> {
  const locked = await unitsByCode(tx, file.rows.map((r) => r.code), actor.scope, { lock: true });
  const byId = new Map([...locked.values()].flat().map((u) => [u.id, u]));
  // The rows were placed against the units as the check read them, without locks. A unit moved
  // outside the scope since then (or gone) must not be written over: refuse rather than guess.
  const rows: ValidRow[] = [];
  for (const r of file.rows) {
    if (r.unit && !byId.has(r.unit.id)) throw changedMeanwhile(r.code);
    // compared under the lock: a blank cell keeps what is stored at this instant
    rows.push(r.unit ? { ...r, unit: byId.get(r.unit.id) } : r);
  }
  // the rows were placed under the scope the importer had then; an office narrowed since places
  // none outside its scope now
  const outside = rows.find((r) => !inScope(actor.scope, merged(r).areaCode));
  if (outside) throw fail.forbidden(`第 ${outside.row} 行单位 ${outside.code} 的所属区县不在您的管辖范围内`);
  // a unit changed since the check (its county, a date under a blank cell) may now break a unit's rule
  const broken = rows.find((r) => unitRuleIssues(r).length > 0);
  if (broken) throw changedMeanwhile(broken.code);
  const counts = await compare(tx, rows);
  const now = new Date();
  const written: ImportedUnit[] = rows.map((r) => ({
    id: r.unit?.id ?? null,
    code: r.code,
    ...merged(r),
    // a blank 负责技术员 cell keeps the stored technician
    assigneeId: r.assigneeId !== undefined ? r.assigneeId : (r.unit?.assigneeId ?? null),
  }));
  const columns = [...FIELDS, ...(file.hasAssignee ? ['assigneeId' as const] : [])];
  const result = await writeImported(tx, written, { columns, required: REQUIRED, scope: actor.scope, now, progress: initialProgress(now.toISOString()) });
  // a row the write left out met a unit outside the scope, made after the lock above
  if (result.inserted + result.updated !== rows.length) throw changedMeanwhile(null);
  // the warnings are the check's (the dry run's): not looked up again while the units are locked
  return { ...counts, created: result.inserted, updated: result.updated, dryRun: false, ignoredColumns: file.ignored, headerRow: file.headerRow };
}

const changedMeanwhile = (code: string | null) =>
  fail.conflict(
    `${code ? `unit ${code}` : 'a unit of the file'} was created or changed by someone else since the file was checked; nothing was imported: send the file again`,
    { reason: 'changed_meanwhile', code, message: `导入检查之后，${code ? `编码 ${code} 的单位` : '文件中的单位'}被他人新建或改动，本次未导入任何内容，请重新导入` },
  );

/** The lock or serialization failures a concurrent writer can cause: retried by the client, a 409. */
function isConcurrencyFailure(err: unknown): boolean {
  const e = ((err as { cause?: unknown })?.cause ?? err) as { code?: string };
  return e?.code === '40P01' || e?.code === '40001';
}

/**
 * POST /api/units/import: the parsed file checked, placed, then previewed or written with its audit
 * row. `confirmNames`: the rows whose unit may take a name other units have.
 */
export async function importUnits(db: DbOrTx, actor: Actor, parsed: ParsedFile, opts: { dryRun?: boolean; confirmNames?: ReadonlySet<number> } = {}): Promise<ImportResult> {
  const file = await checkFile(db, actor, parsed);
  if (file.issues.length) {
    throw fail.validation(`${new Set(file.issues.map((i) => i.row)).size} row(s) have errors; nothing was imported`, file.issues);
  }
  const { conflicts, warnings } = await nameConflicts(db, actor.scope, file.rows);
  const confirmations = conflicts.map((c) => ({ ...c, confirmed: opts.confirmNames?.has(c.row) ?? false }));
  if (opts.dryRun) return previewImport(db, actor, file, { confirmations, warnings });
  const unconfirmed = confirmations.filter((c) => !c.confirmed);
  if (unconfirmed.length) {
    throw fail.validation(`${unconfirmed.length} row(s) take a name another unit has and were not confirmed; nothing was imported`, unconfirmed.map(nameTaken));
  }
  return writeChecked(db, actor, file);
}

/** A checked file written with its audit row, in one transaction (a file checked earlier may have been overtaken: a 409). */
export async function writeChecked(db: DbOrTx, actor: Actor, file: CheckedFile): Promise<ImportResult> {
  try {
    return await db.transaction(async (tx) => {
      const me = await actingNow(tx, actor);
      const result = await writeImport(tx, me, file);
      const { created, updated, unchanged } = result;
      await appendAudit(tx, me, [{ action: 'unit.import', target: null, details: { created, updated, unchanged, ignoredColumns: file.ignored } }]);
      return result;
    });
  } catch (err) {
    if (isConcurrencyFailure(err)) {
      throw fail.conflict('another import or edit changed the same units at the same moment; nothing was imported: send the file again');
    }
    throw err;
  }
}

export type { ImportField };

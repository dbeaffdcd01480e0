// Turns an uploaded CSV or XLSX file into rows of unit fields keyed as the API names them, each
// with its spreadsheet row number. Both readers go row by row under the same limits, and give the
// event loop back while they work (lib/pace.ts). Validation happens in import.service.ts.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { storable, UNSTORABLE_MESSAGE } from '../../../shared/schemas/common.js';
import type { ImportIssue } from '../../../shared/schemas/units.js';
import { pacer } from '../../lib/pace.js';
import { fieldOfHeading, isClearMarker, KINDS, type ImportField } from './import.columns.js';
import { decodeCsv, isZip } from './import.decode.js';
import { openFirstSheet, SHEET_WIDTH, WorkbookProblem } from './import.xlsx.js';

export { XLSX_TYPE } from '../../../shared/api/units.js';
export type { ImportField } from './import.columns.js';

/** What one import may hold: said in the refusal, so the clerk knows to split the file. */
export const IMPORT_LIMITS = { rows: 100_000, columns: SHEET_WIDTH, cells: 2_000_000 } as const;

/** A cell as read: its text, or what is wrong with it (a formula without a result, an error). */
export type Cell = string | { problem: string };

export interface RawRow {
  row: number;
  /** a blank cell is absent (keeps the stored value on update); the clear marker is null */
  values: Partial<Record<ImportField, string | null>>;
}

export interface ParsedFile {
  /** the spreadsheet row the header was found on (a title row may stand above it) */
  headerRow?: number;
  columns: ImportField[];
  /** headings that name no field, as written */
  ignored: string[];
  rows: RawRow[];
  issues: ImportIssue[];
}

const fileProblem = (message: string, row = 1): ParsedFile => ({ columns: [], ignored: [], rows: [], issues: [{ row, field: 'file', message }] });

const limitMessage = {
  rows: `the file has more than ${IMPORT_LIMITS.rows} rows: at most ${IMPORT_LIMITS.rows} rows per import, split the file`,
  columns: `the file has values beyond column ${IMPORT_LIMITS.columns}: at most ${IMPORT_LIMITS.columns} columns per import`,
  cells: `the file has more than ${IMPORT_LIMITS.cells} filled cells: at most ${IMPORT_LIMITS.cells} per import, split the file`,
};

class LimitReached extends Error {}

const isBlank = (c: Cell | undefined) => c === undefined || (typeof c === 'string' && !c.trim());

/** How far down the header is looked for: a clerk's sheet has a title (宕昌县政务专网接入单位名单) and perhaps a date above it. */
export const HEADER_SEARCH_ROWS = 10;
const REQUIRED_COLUMNS = ['code', 'name', 'kind'] as const;
/** The unit fields a row's cells name, as headings. */
const fieldsNamed = (cells: Cell[]) => new Set(cells.map((c) => (typeof c === 'string' && c.trim() ? fieldOfHeading(c.trim()) : null)).filter(Boolean));

/** Builds the rows from the header and the body, one row at a time, counting against the limits. */
class Table {
  private header: (ImportField | null)[] | null = null;
  private headerRow = 0;
  /** the non-blank rows of the first HEADER_SEARCH_ROWS while no header has been found among them */
  private above: { number: number; cells: Cell[] }[] = [];
  private headings: string[] = [];
  private cells = 0;
  readonly rows: RawRow[] = [];
  readonly issues: ImportIssue[] = [];

  /** `cells` are the row's first IMPORT_LIMITS.columns cells; `wider`: it has values beyond them */
  add(number: number, cells: Cell[], wider = false) {
    if (wider) throw new LimitReached(limitMessage.columns);
    if (cells.every(isBlank)) return; // blank lines are not rows, and the header is the first that is not
    this.cells += cells.reduce((n, c) => n + (isBlank(c) ? 0 : 1), 0);
    if (this.cells > IMPORT_LIMITS.cells) throw new LimitReached(limitMessage.cells);
    if (!this.header) {
      // the header is the first row of the first ten that names the required columns
      if (REQUIRED_COLUMNS.every((f) => fieldsNamed(cells).has(f))) return this.setHeader(number, cells);
      this.above.push({ number, cells });
      if (number >= HEADER_SEARCH_ROWS) this.settleHeader();
      return;
    }
    this.addData(number, cells);
  }

  /**
   * No row of the first ten names every required column: the one naming the most is taken as the
   * header (its missing columns are then named), the first if none names any; rows below it are data.
   */
  private settleHeader() {
    const rows = this.above;
    this.above = [];
    if (rows.length === 0) return;
    let best = 0;
    rows.forEach((r, i) => {
      if (fieldsNamed(r.cells).size > fieldsNamed(rows[best].cells).size) best = i;
    });
    this.setHeader(rows[best].number, rows[best].cells);
    for (const r of rows.slice(best + 1)) this.addData(r.number, r.cells);
  }

  private addData(number: number, cells: Cell[]) {
    if (this.rows.length >= IMPORT_LIMITS.rows) throw new LimitReached(limitMessage.rows);
    const values: RawRow['values'] = {};
    this.header!.forEach((field, j) => {
      if (!field) return;
      const cell = cells[j] ?? '';
      if (typeof cell !== 'string') return void this.issues.push({ row: number, field, message: cell.problem });
      let v = cell.trim();
      if (!storable(v)) this.issues.push({ row: number, field, message: UNSTORABLE_MESSAGE });
      if (v === '') return;
      if (isClearMarker(v)) return void (values[field] = null);
      if (field === 'kind') v = KINDS[v] ?? v;
      values[field] = v;
    });
    this.rows.push({ row: number, values });
  }

  private setHeader(number: number, cells: Cell[]) {
    this.headerRow = number;
    this.headings = cells.map((c) => (typeof c === 'string' ? c.trim() : ''));
    this.header = this.headings.map((h) => (h ? fieldOfHeading(h) : null));
    cells.forEach((c, i) => {
      if (typeof c !== 'string') this.issues.push({ row: number, field: `column ${i + 1}`, message: c.problem });
      else if (!storable(c)) this.issues.push({ row: number, field: `column ${i + 1}`, message: UNSTORABLE_MESSAGE });
    });
    const present = this.header.filter((c): c is ImportField => c !== null);
    for (const need of ['code', 'name', 'kind'] as const) {
      if (!present.includes(need)) this.issues.push({ row: number, field: need, message: `column ${need} is missing from the header` });
    }
    const seen = new Set<ImportField>();
    this.header.forEach((c, i) => {
      if (c && seen.has(c)) this.issues.push({ row: number, field: c, message: `column ${this.headings[i]} appears twice` });
      if (c) seen.add(c);
    });
  }

  result(): ParsedFile {
    if (!this.header) this.settleHeader();
    if (!this.header) return fileProblem('the file has no header row');
    return {
      headerRow: this.headerRow,
      columns: this.header.filter((c): c is ImportField => c !== null),
      ignored: this.headings.filter((h, i) => h && !this.header![i]),
      rows: this.rows,
      issues: this.issues,
    };
  }
}

/** A CSV upload: its bytes decoded by detection (import.decode.ts), then read record by record. */
export async function parseCsv(bytes: Buffer | string): Promise<ParsedFile> {
  if (typeof bytes !== 'string' && isZip(bytes)) return parseXlsx(bytes);
  const decoded = typeof bytes === 'string' ? { text: bytes } : decodeCsv(bytes);
  if ('problem' in decoded) return fileProblem(decoded.problem);
  const text = decoded.text.replace(/^\uFEFF/, '');
  const table = new Table();
  const pace = pacer();
  // fed in slices, so that parsing 20 MiB is many short turns of the event loop, not one long one
  const SLICE = 64 * 1024;
  const slices = function* () {
    for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
  };
  const records = Readable.from(slices()).pipe(parse({ relax_column_count: true, skip_empty_lines: false, info: true, record_delimiter: ['\r\n', '\n', '\r'] }));
  try {
    for await (const { record, info } of records as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const wider = record.length > IMPORT_LIMITS.columns && record.slice(IMPORT_LIMITS.columns).some((c) => c.trim());
      // a record's row is the line it starts on (a quoted cell may span lines)
      table.add(info.lines - countNewlines(record), record.slice(0, IMPORT_LIMITS.columns), wider);
      await pace();
    }
  } catch (err) {
    records.destroy();
    if (err instanceof LimitReached) return fileProblem(err.message);
    const line = (err as { lines?: number }).lines ?? 1;
    return fileProblem(`not valid CSV: ${(err as Error).message}`, line);
  }
  return table.result();
}

/** Line breaks inside a record's quoted cells: csv-parse counts a record's lines at its end. */
function countNewlines(record: string[]): number {
  let n = 0;
  for (const c of record) for (let i = c.indexOf('\n'); i !== -1; i = c.indexOf('\n', i + 1)) n++;
  return n;
}

export async function parseXlsx(buffer: Buffer): Promise<ParsedFile> {
  let sheet;
  try {
    sheet = await openFirstSheet(buffer);
  } catch (err) {
    if (err instanceof WorkbookProblem) return fileProblem(err.message);
    throw err;
  }
  const table = new Table();
  const pace = pacer();
  let scanned = 0;
  try {
    for await (const row of sheet.rows) {
      // rows the sheet lists, blank or not: a sheet of a million styled empty rows stops here too
      if (++scanned > IMPORT_LIMITS.rows + 1000) throw new LimitReached(limitMessage.rows);
      table.add(row.number, row.cells, row.wider);
      await pace();
    }
  } catch (err) {
    if (err instanceof LimitReached || err instanceof WorkbookProblem) return fileProblem(err.message);
    return fileProblem('not a readable .xlsx workbook');
  } finally {
    sheet.close();
  }
  return table.result();
}

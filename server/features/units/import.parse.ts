// Turns an uploaded CSV or XLSX file into rows of unit fields keyed as the API names them,
// each with its spreadsheet row number. Validation happens in import.routes.ts.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { storable, UNSTORABLE_MESSAGE } from '../../../shared/schemas/common.js';
import type { ImportIssue } from '../../../shared/schemas/units.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FIELDS = ['code', 'name', 'kind', 'parentCode', 'contactName', 'contactPhone', 'address', 'wiringDue', 'connectionDue', 'assignee'] as const;
export type ImportField = (typeof FIELDS)[number];

/** Column names a clerk's spreadsheet may use, in Chinese or as the API spells them. */
const HEADERS: Record<string, ImportField> = {
  编码: 'code', 单位编码: 'code', 代码: 'code',
  名称: 'name', 单位名称: 'name',
  类型: 'kind', 单位类型: 'kind',
  上级编码: 'parentCode', 上级: 'parentCode',
  联系人: 'contactName',
  联系电话: 'contactPhone', 电话: 'contactPhone',
  地址: 'address',
  布线截止: 'wiringDue', 布线截止日期: 'wiringDue',
  接入截止: 'connectionDue', 接入截止日期: 'connectionDue',
  // the technician who looks after the unit, by username
  负责技术员: 'assignee', 技术员: 'assignee',
};
for (const f of FIELDS) HEADERS[f.toLowerCase()] = f;

const KINDS: Record<string, string> = { 乡镇: 'township', 部门: 'department', 其他: 'other', 其它: 'other' };

export interface RawRow {
  row: number;
  /** an empty cell is null: on update it clears the field */
  values: Partial<Record<ImportField, string | null>>;
}

export interface ParsedFile {
  columns: ImportField[];
  ignored: string[];
  rows: RawRow[];
  issues: ImportIssue[];
}

function fromTable(table: string[][], firstRow = 1): ParsedFile {
  const [header = [], ...body] = table;
  const columns: (ImportField | null)[] = header.map((h) => HEADERS[h.trim()] ?? HEADERS[h.trim().toLowerCase()] ?? null);
  const issues: ImportIssue[] = [];
  const present = columns.filter((c): c is ImportField => c !== null);
  for (const need of ['code', 'name', 'kind'] as const) {
    if (!present.includes(need)) issues.push({ row: firstRow, field: need, message: `column ${need} is missing from the header` });
  }
  header.forEach((h, i) => {
    if (!storable(h)) issues.push({ row: firstRow, field: `column ${i + 1}`, message: UNSTORABLE_MESSAGE });
  });
  const seen = new Set<ImportField>();
  columns.forEach((c, i) => {
    if (c && seen.has(c)) issues.push({ row: firstRow, field: c, message: `column ${header[i]} appears twice` });
    if (c) seen.add(c);
  });
  const rows: RawRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => !c || !c.trim())) return; // blank lines are not rows
    const values: RawRow['values'] = {};
    columns.forEach((c, j) => {
      if (!c) return;
      let v = (cells[j] ?? '').trim();
      if (c === 'kind') v = KINDS[v] ?? v;
      if (!storable(v)) issues.push({ row: firstRow + 1 + i, field: c, message: UNSTORABLE_MESSAGE });
      values[c] = v === '' ? null : v;
    });
    rows.push({ row: firstRow + 1 + i, values });
  });
  return { columns: present, ignored: header.filter((_, i) => !columns[i] && header[i].trim()), rows, issues };
}

export function parseCsv(text: string): ParsedFile {
  let table: string[][];
  try {
    table = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { columns: [], ignored: [], rows: [], issues: [{ row: line, field: 'file', message: `not valid CSV: ${(err as Error).message}` }] };
  }
  return fromTable(table);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10); // Excel dates carry no zone: read as written
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

export async function parseXlsx(buffer: Buffer): Promise<ParsedFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { columns: [], ignored: [], rows: [], issues: [{ row: 1, field: 'file', message: 'not a readable .xlsx workbook' }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { columns: [], ignored: [], rows: [], issues: [{ row: 1, field: 'file', message: 'the workbook has no sheet' }] };
  const table: string[][] = [];
  const issues: ImportIssue[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, sheet.columnCount); c++) {
      const value = row.getCell(c).value;
      // a number formatted as a date, beyond any calendar (Excel shows ####)
      const outOfRange = value instanceof Date && Number.isNaN(value.getTime());
      if (outOfRange) issues.push({ row: r, field: `column ${c}`, message: 'holds a date out of range' });
      cells.push(outOfRange ? '' : cellText(value));
    }
    table.push(cells);
  }
  const file = fromTable(table);
  return { ...file, issues: [...issues, ...file.issues] };
}

// Workbooks for import tests: made by exceljs as a clerk's Excel would save them, or with a sheet
// written by hand where exceljs cannot make the case (a formula with no saved result, 200,000 rows).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function workbook(rows: unknown[][], edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('单位');
  rows.forEach((r) => sheet.addRow(r));
  edit?.(sheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A cell of a hand-written sheet: text (inline), or raw XML inside <c>. */
export type RawCell = string | { xml: string; t?: string; s?: number } | null;

const column = (n: number) => {
  let s = '';
  for (n += 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** The XML of one row, from cells in column order (null: no cell). */
export function rowXml(r: number, cells: RawCell[]): string {
  const cs = cells.map((c, i) => {
    if (c === null) return '';
    const ref = `${column(i)}${r}`;
    if (typeof c === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${escape(c)}</t></is></c>`;
    return `<c r="${ref}"${c.t ? ` t="${c.t}"` : ''}${c.s !== undefined ? ` s="${c.s}"` : ''}>${c.xml}</c>`;
  });
  return `<row r="${r}">${cs.join('')}</row>`;
}

/** An exceljs workbook whose first sheet's rows are replaced by `rowsXml`. */
export async function handWritten(rowsXml: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await workbook([['x']]));
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>${rowsXml}</sheetData></worksheet>`;
  zip.file('xl/worksheets/sheet1.xml', sheet);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

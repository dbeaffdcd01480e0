// A table as the files people open in a spreadsheet and print: CSV (UTF-8 with a BOM, so Excel
// and WPS read the Chinese right) and XLSX (streamed as it is written, set up to print: A4
// landscape, fit to the page's width, the header row on every page, page numbers in the footer).
// One column list serves both, so the two files always say the same.
import { PassThrough, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { exceljs } from './excel.js';

/**
 * How a column's values are written. Dates and times come as the text the CSV shows
 * ("2026-12-01", "2026-12-01 14:05", wall clock of the campaign's zone); the workbook turns them
 * into real dates with that number format, so that a spreadsheet sorts and filters them as dates.
 */
export type CellKind = 'text' | 'code' | 'int' | 'decimal1' | 'date' | 'dateTime';

export interface SheetColumn<T> {
  header: string;
  kind?: CellKind;
  value: (row: T, index: number) => string | number | null;
  /** the widest the column may grow (characters); longer text wraps */
  maxWidth?: number;
  /** left out of the printed page (the workbook's print area): columns that repeat another */
  screenOnly?: boolean;
}

const NUMBER_FORMAT: Partial<Record<CellKind, string>> = {
  int: '0',
  decimal1: '0.0',
  date: 'yyyy-mm-dd',
  dateTime: 'yyyy-mm-dd hh:mm',
};

/**
 * XML 1.0 cannot carry U+0000-U+001F (but tab, newline, return), lone surrogates, U+FFFE or
 * U+FFFF: one such character in a unit's name made the whole workbook unreadable for everyone.
 * Text is also refused on input; this is the writer's own guard for what is stored already.
 */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
export const xmlSafe = (text: string) => text.replace(NOT_XML, '');

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, or a tab or return first: unit
 * names come from imported files) is kept as text by a leading apostrophe. An .xlsx cell is
 * typed text already and needs no such guard.
 */
const inert = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

function csvText(kind: CellKind | undefined, value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return kind === 'decimal1' ? value.toFixed(1) : String(value);
  return inert(value);
}

export function tableCsv<T>(columns: SheetColumn<T>[], rows: readonly T[]): Readable {
  const csv = stringify({ bom: true, header: true, columns: columns.map((c) => c.header), record_delimiter: '\r\n' });
  // fed in slices so a large export does not hold the event loop for its whole length
  void (async () => {
    for (let i = 0; i < rows.length; i++) {
      if (!csv.write(columns.map((c) => csvText(c.kind, c.value(rows[i], i))))) await new Promise((r) => csv.once('drain', r));
    }
    csv.end();
  })().catch((err) => csv.destroy(err));
  return csv;
}

/** "2026-12-01" or "2026-12-01 14:05" as the date a spreadsheet shows as that wall clock (exceljs writes UTC). */
function sheetDate(text: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$/.exec(text);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0))) : text;
}

function sheetValue(kind: CellKind | undefined, value: string | number | null) {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  if (kind === 'date' || kind === 'dateTime') return sheetDate(value);
  return xmlSafe(value);
}

/** Display width of text in a spreadsheet column: CJK characters take two. */
const widthOf = (text: string) => [...text].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);
const shownWidth = (kind: CellKind | undefined, value: string | number | null) =>
  value === null ? 0 : typeof value === 'number' ? (kind === 'decimal1' ? value.toFixed(1) : String(value)).length : widthOf(value);

/** points per line of 11-point text */
const LINE_HEIGHT = 15;

const THIN = { style: 'thin' as const, color: { argb: 'FF9AA5B1' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Column number → its letters (1 → A, 27 → AA). */
const letters = (n: number): string => (n <= 26 ? String.fromCharCode(64 + n) : letters(Math.floor((n - 1) / 26)) + letters(((n - 1) % 26) + 1));

export interface SheetOptions {
  sheetName: string;
  /** the first row, above the header, and the footer's left side */
  title: string;
  /** more words on the title row (e.g. how the rows are ranked) */
  subtitle?: string;
  /** how it prints on A4 (landscape unless said): every column fits the page's width either way */
  orientation?: 'portrait' | 'landscape';
}

export function tableXlsx<T>(columns: SheetColumn<T>[], rows: readonly T[], opts: SheetOptions): Readable {
  const out = new PassThrough();
  const printed = columns.filter((c) => !c.screenOnly).length;
  // the print area is one range: the columns left out of it come last
  if (columns.slice(0, printed).some((c) => c.screenOnly)) throw new Error('screen-only columns must come last');
  const write = async () => {
    const workbook = new (exceljs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = '政务专网接入进度';
    const title = xmlSafe(opts.title);
    const sheet = workbook.addWorksheet(xmlSafe(opts.sheetName).slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }],
      pageSetup: {
        paperSize: 9, // A4
        orientation: opts.orientation ?? 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0, // as many pages down as the rows need
        horizontalCentered: true,
        printTitlesRow: '2:2',
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.25, footer: 0.3 },
      },
      // &P / &N: this page / all pages; && is a literal &
      headerFooter: { oddFooter: `&L${title.replace(/&/g, '&&')}&C第 &P 页，共 &N 页` },
    });
    // widths that fit: the longest text of each column (sampled over the first rows), within bounds
    const sample = rows.slice(0, 2000);
    const widths = columns.map((c) => {
      const longest = sample.reduce((w, row, r) => Math.max(w, shownWidth(c.kind, c.value(row, r))), widthOf(c.header));
      return Math.min(Math.max(longest + 2, 6), c.maxWidth ?? 40);
    });
    /**
     * A row tall enough for its wrapped text: neither Excel nor LibreOffice fits the height of
     * a row written without one, and a long name then ran over the next row on paper.
     */
    const lines = (values: (string | number | null)[]) =>
      Math.min(6, Math.max(1, ...values.map((v, i) => (typeof v === 'string' ? Math.ceil(widthOf(v) / Math.max(1, widths[i] - 1)) : 1))));
    sheet.columns = columns.map((c, i) => {
      return {
        key: `c${i}`,
        width: widths[i],
        style: {
          numFmt: NUMBER_FORMAT[c.kind ?? 'text'],
          // a rank beside a code, both digits, read as one number when they touch: the rank is
          // centred and every cell has its border
          alignment: { vertical: 'top', wrapText: true, horizontal: c.kind === 'int' ? 'center' : c.kind === 'code' ? 'left' : undefined },
        },
      };
    });
    const head = sheet.addRow([`${title}${opts.subtitle ? `   ${xmlSafe(opts.subtitle)}` : ''}`]);
    head.font = { bold: true, size: 13 };
    head.height = 22;
    head.getCell(1).alignment = { vertical: 'middle' };
    sheet.mergeCells(1, 1, 1, printed);
    head.commit();
    const header = sheet.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.height = LINE_HEIGHT * lines(columns.map((c) => c.header)) + 4;
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      cell.border = BORDER;
    });
    header.commit();
    for (let i = 0; i < rows.length; i++) {
      const values = columns.map((c) => c.value(rows[i], i));
      const row = sheet.addRow(values.map((v, col) => sheetValue(columns[col].kind, v)));
      const n = lines(values);
      if (n > 1) row.height = LINE_HEIGHT * n + 2;
      for (let col = 1; col <= columns.length; col++) row.getCell(col).border = BORDER;
      row.commit();
      // let the stream drain now and then
      if (i % 2000 === 1999) await new Promise((r) => setImmediate(r));
    }
    sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
    // absolute both ways ($A$1:$L$42): LibreOffice ignores a print area written $A1:$L42
    if (printed < columns.length) sheet.pageSetup.printArea = `A$1:${letters(printed)}$${rows.length + 2}`;
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err) => out.destroy(err));
  return out;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 6266/5987: the Chinese name for browsers that read filename*, an ASCII one for the rest. */
export function attachment(ascii: string, chinese: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(chinese)}`;
}

// Reads the first sheet of an .xlsx workbook row by row, in time and memory linear in the rows
// read, and stops at the import's limits. exceljs' whole-workbook reader recounted every row for
// each cell (4,000 rows: 9 s of a blocked server) and held a 1.5 M-row workbook in 2.9 GB.
//
// exceljs' streaming WorkbookReader reads the zip front to back; where a workbook keeps its
// shared strings after its sheets (Excel, WPS and exceljs all do) it first copies each sheet to
// a temporary file, whole, however large it unpacks to. Here the zip's directory is read instead
// (the whole upload is in memory anyway, at most 20 MiB), the parts are opened in the order the
// sheet needs them (relationships, workbook, styles, shared strings, then the sheet), each part's
// unpacked size is capped, and its bytes are decoded as one UTF-8 stream: exceljs decodes each
// chunk alone, which splits a Chinese character that straddles two chunks into U+FFFD.
// The parts are handed to the WorkbookReader's own part parsers (exceljs 4.4, whose cell
// decoding: shared strings, rich text, dates by number format, formulas, is kept).
import { createRequire } from 'node:module';
import { Transform, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell } from './import.parse.js';

const require = createRequire(import.meta.url);
const unzipper = require('unzipper') as { Open: { buffer(b: Buffer): Promise<{ files: ZipEntry[] }> } };
const excelUtils = require('exceljs/lib/utils/utils.js') as { isDateFmt(fmt: string | undefined): boolean; excelToDate(v: number, date1904?: boolean): Date };

interface ZipEntry {
  path: string;
  uncompressedSize: number;
  stream(): Readable;
}

/** The parts of exceljs' WorkbookReader used here (not in its type declarations). */
interface PartReader {
  sharedStrings?: unknown[];
  model?: { sheets?: { id: number; name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  properties?: { model?: { date1904?: boolean } };
  _parseRels(entry: AsyncIterable<unknown>): Promise<void>;
  _parseWorkbook(entry: AsyncIterable<unknown>): Promise<void>;
  _parseStyles(entry: AsyncIterable<unknown>): Promise<void>;
  _parseSharedStrings(entry: AsyncIterable<unknown>): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ value: AsyncIterable<SheetRow> }>;
}

export interface SheetRow {
  number: number;
  cellCount: number;
  findCell(col: number): { value: ExcelJS.CellValue; numFmt?: string; address: string } | undefined;
  _cells: ({ value: ExcelJS.CellValue } | undefined)[];
}

export class WorkbookProblem extends Error {}

/** No part of a workbook of at most 100,000 rows unpacks to more than this. */
const MAX_PART_BYTES = 256 * 1024 * 1024;

/** A part's bytes as UTF-8 text, refused past `limit` bytes (a zip bomb unpacks to gigabytes). */
function textOf(entry: ZipEntry, limit = MAX_PART_BYTES): Readable {
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  const source = entry.stream();
  const text = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > limit) return done(new WorkbookProblem(`the workbook's part ${entry.path} unpacks to more than ${limit >> 20} MiB`));
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      const rest = decoder.decode();
      done(null, rest || undefined);
    },
  });
  source.on('error', (err) => text.destroy(err));
  text.on('close', () => source.destroy());
  return source.pipe(text);
}

export interface OpenSheet {
  rows: AsyncIterable<SheetRow>;
  date1904: boolean;
  /** stops reading (the rest of the sheet is not unpacked) */
  close(): void;
}

/** The workbook's first sheet, ready to be read row by row; a WorkbookProblem when it cannot be. */
export async function openFirstSheet(buffer: Buffer): Promise<OpenSheet> {
  let files: ZipEntry[];
  try {
    ({ files } = await unzipper.Open.buffer(buffer));
  } catch {
    throw new WorkbookProblem('not a readable .xlsx workbook');
  }
  const part = new Map(files.map((f) => [f.path.replace(/^\//, ''), f]));
  const rels = part.get('xl/_rels/workbook.xml.rels');
  const book = part.get('xl/workbook.xml');
  if (!rels || !book) throw new WorkbookProblem('not a readable .xlsx workbook');

  const WorkbookReader = (ExcelJS as unknown as { stream: { xlsx: { WorkbookReader: new (input: null, options: object) => PartReader } } }).stream.xlsx
    .WorkbookReader;
  const reader = new WorkbookReader(null, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' });
  try {
    await reader._parseRels(textOf(rels));
    await reader._parseWorkbook(textOf(book));
    const styles = part.get('xl/styles.xml');
    if (styles) await reader._parseStyles(textOf(styles));
    const shared = part.get('xl/sharedStrings.xml');
    if (shared) for await (const _ of reader._parseSharedStrings(textOf(shared)));
  } catch (err) {
    if (err instanceof WorkbookProblem) throw err;
    throw new WorkbookProblem('not a readable .xlsx workbook');
  }
  reader.sharedStrings ??= [];

  // the first sheet in the workbook's own order, whatever its part is called
  const first = reader.model?.sheets?.[0];
  const target = first && reader.workbookRels?.find((r) => r.Id === first.rId)?.Target;
  if (!target) throw new WorkbookProblem('the workbook has no sheet');
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const sheet = part.get(path);
  if (!sheet) throw new WorkbookProblem('the workbook has no sheet');
  const stream = textOf(sheet);
  const sheetNo = /sheet(\d+)\.xml$/.exec(path)?.[1] ?? '1';
  const [{ value: rows }] = [...reader._parseWorksheet(stream, sheetNo)];
  return { rows, date1904: Boolean(reader.properties?.model?.date1904), close: () => stream.destroy() };
}

export const FORMULA_WITHOUT_VALUE = 'is a formula without a saved result: open the file in Excel or WPS and save it, or paste the values only';
export const DATE_OUT_OF_RANGE = 'holds a date out of range';

type CellValue = ExcelJS.CellValue | undefined;

/**
 * A cell as the text it shows, or what is wrong with it. Every exceljs value kind is named here;
 * none becomes "[object Object]".
 */
export function cellText(value: CellValue, numFmt: string | undefined, date1904: boolean): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : { problem: 'holds a number that cannot be read' };
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    // Excel dates carry no zone: read as written
    return Number.isNaN(value.getTime()) ? { problem: DATE_OUT_OF_RANGE } : value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text ?? '').join('');
    if ('error' in value) return { problem: `holds the error ${String(value.error)}` };
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: CellValue }).result;
      if (result === undefined || result === null) return { problem: FORMULA_WITHOUT_VALUE };
      // a formula's saved number keeps its cell's date format; exceljs reads it as a plain number
      if (typeof result === 'number' && Number.isFinite(result) && excelUtils.isDateFmt(numFmt)) return cellText(excelUtils.excelToDate(result, date1904), undefined, date1904);
      if (typeof result === 'number' && Number.isNaN(result)) return { problem: 'is a formula whose saved result is an error' };
      return cellText(result, numFmt, date1904);
    }
    if ('text' in value && typeof value.text === 'string') return value.text; // a hyperlink: its words
    if ('text' in value && value.text && typeof value.text === 'object') return cellText(value.text as CellValue, numFmt, date1904);
  }
  return { problem: 'holds a value that cannot be read as text' };
}

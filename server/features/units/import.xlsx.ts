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
import type ExcelJS from 'exceljs';
import { exceljs, exceljsPart } from '../../lib/excel.js';
import type { Cell } from './import.parse.js';

const require = createRequire(import.meta.url);
// loaded by the first workbook read, with exceljs (server/lib/excel.ts)
const unzipper = () => require('unzipper') as { Open: { buffer(b: Buffer): Promise<{ files: ZipEntry[] }> } };
const excelUtils = () => exceljsPart<{ isDateFmt(fmt: string | undefined): boolean; excelToDate(v: number, date1904?: boolean): Date }>('utils/utils.js');

interface ZipEntry {
  path: string;
  uncompressedSize: number;
  stream(): Readable;
}

/** The parts of exceljs' WorkbookReader used here (not in its type declarations). */
interface PartReader {
  sharedStrings?: ExcelJS.CellValue[];
  styles: { getStyleModel(id: number): { numFmt?: string } | null };
  model?: { sheets?: { id: number; name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  properties?: { model?: { date1904?: boolean } };
  _parseRels(entry: AsyncIterable<unknown>): Promise<void>;
  _parseWorkbook(entry: AsyncIterable<unknown>): Promise<void>;
  _parseStyles(entry: AsyncIterable<unknown>): Promise<void>;
  _parseSharedStrings(entry: AsyncIterable<unknown>): AsyncGenerator<unknown>;
}

type SaxEvent = { eventType: 'opentag'; value: { name: string; attributes: Record<string, string> } } | { eventType: 'text'; value: string } | { eventType: 'closetag'; value: { name: string } };
const parseSax = (input: AsyncIterable<unknown>) => exceljsPart<(input: AsyncIterable<unknown>) => AsyncIterable<SaxEvent[]>>('utils/parse-sax.js')(input);

/** One row of the sheet: its number, its cells by column (1-based), and whether it has a cell past `width`. */
export interface SheetRow {
  number: number;
  cells: Cell[];
  wider: boolean;
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
  /** stops reading (the rest of the sheet is not unpacked) */
  close(): void;
}

/** The workbook's first sheet, ready to be read row by row; a WorkbookProblem when it cannot be. */
export async function openFirstSheet(buffer: Buffer): Promise<OpenSheet> {
  let files: ZipEntry[];
  try {
    ({ files } = await unzipper().Open.buffer(buffer));
  } catch {
    throw new WorkbookProblem('not a readable .xlsx workbook');
  }
  const part = new Map(files.map((f) => [f.path.replace(/^\//, ''), f]));
  const rels = part.get('xl/_rels/workbook.xml.rels');
  const book = part.get('xl/workbook.xml');
  if (!rels || !book) throw new WorkbookProblem('not a readable .xlsx workbook');

  const WorkbookReader = (exceljs() as unknown as { stream: { xlsx: { WorkbookReader: new (input: null, options: object) => PartReader } } }).stream.xlsx
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
  const date1904 = Boolean(reader.properties?.model?.date1904);
  return { rows: readRows(stream, reader, date1904), close: () => stream.destroy() };
}

/** Width of the rows handed over; a value past it is reported as `wider`. */
export const SHEET_WIDTH = 100;

const columnOf = (ref: string | undefined, fallback: number) => {
  const letters = ref ? /^[A-Z]+/.exec(ref)?.[0] : undefined;
  if (!letters) return fallback;
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
};

/**
 * The sheet's rows, as Cells. The sheet's XML is read here rather than by exceljs' WorksheetReader:
 * that one turns a cell at XFD1 into 16,384 cell objects and drops a formula's saved result when
 * it is 0 or "" (so "no saved result" could not be told from them), and keeps only the last run
 * of an inline rich text.
 */
async function* readRows(stream: Readable, reader: PartReader, date1904: boolean): AsyncGenerator<SheetRow> {
  const shared = reader.sharedStrings ?? [];
  let row: SheetRow | null = null;
  let nextRow = 1;
  // the cell being read
  let col = 0;
  let type: string | undefined;
  let style = 0;
  let formula = false;
  let value: string | null = null;
  let inValue = false;
  let inPhonetic = false;
  for await (const events of parseSax(stream)) {
    const done: SheetRow[] = [];
    for (const e of events) {
      if (e.eventType === 'opentag') {
        const { name, attributes: a } = e.value;
        if (name === 'row') {
          const number = a.r ? Number(a.r) : nextRow;
          row = { number, cells: [], wider: false };
          nextRow = number + 1;
          col = 0;
        } else if (name === 'c' && row) {
          col = columnOf(a.r, col + 1);
          type = a.t;
          style = a.s ? Number(a.s) : 0;
          formula = false;
          value = null;
        } else if (name === 'f') formula = true;
        else if (name === 'v' || (name === 't' && !inPhonetic)) {
          inValue = true;
          value ??= '';
        } else if (name === 'rPh') inPhonetic = true;
      } else if (e.eventType === 'text') {
        if (inValue && value !== null) value += e.value;
      } else {
        const { name } = e.value;
        if (name === 'v' || name === 't') inValue = false;
        else if (name === 'rPh') inPhonetic = false;
        else if (name === 'c' && row) {
          if (col > SHEET_WIDTH) {
            if (value !== null && value !== '') row.wider = true;
          } else {
            const numFmt = style ? (reader.styles.getStyleModel(style)?.numFmt ?? undefined) : undefined;
            row.cells[col - 1] = cellOf(type, value, formula, numFmt, shared, date1904);
          }
        } else if (name === 'row' && row) {
          for (let i = 0; i < row.cells.length; i++) row.cells[i] ??= '';
          done.push(row);
          row = null;
        }
      }
    }
    yield* done;
  }
}

/** A cell from its XML: its type attribute, its <v> (or inline text), and whether it holds a formula. */
function cellOf(type: string | undefined, v: string | null, formula: boolean, numFmt: string | undefined, shared: ExcelJS.CellValue[], date1904: boolean): Cell {
  if (v === null) return formula ? { problem: FORMULA_WITHOUT_VALUE } : '';
  switch (type) {
    case 's':
      return cellText(shared[Number(v)], undefined, date1904);
    case 'inlineStr':
    case 'str':
      return v;
    case 'b':
      return v === '1' || v.toLowerCase() === 'true' ? 'TRUE' : 'FALSE';
    case 'e':
      return { problem: formula ? `is a formula whose saved result is the error ${v}` : `holds the error ${v}` };
    case 'd':
      return cellText(new Date(v), undefined, date1904);
    default: {
      if (v.trim() === '') return '';
      const n = Number(v);
      if (!Number.isFinite(n)) return { problem: 'holds a number that cannot be read' };
      return excelUtils().isDateFmt(numFmt) ? cellText(excelUtils().excelToDate(n, date1904), undefined, date1904) : cellText(n, undefined, date1904);
    }
  }
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
      if (typeof result === 'number' && Number.isFinite(result) && excelUtils().isDateFmt(numFmt)) return cellText(excelUtils().excelToDate(result, date1904), undefined, date1904);
      if (typeof result === 'number' && Number.isNaN(result)) return { problem: 'is a formula whose saved result is an error' };
      return cellText(result, numFmt, date1904);
    }
    if ('text' in value && typeof value.text === 'string') return value.text; // a hyperlink: its words
    if ('text' in value && value.text && typeof value.text === 'object') return cellText(value.text as CellValue, numFmt, date1904);
  }
  return { problem: 'holds a value that cannot be read as text' };
}

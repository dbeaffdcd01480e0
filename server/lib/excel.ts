// exceljs, loaded by the first workbook written or read rather than at start: it is 7 MB of heap
// and 18 MB resident (issue 28's memory budget), and a server that never exports never pays it.
// Synchronous (require): a first export waits the ~0.1 s of loading, nothing else changes.
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

const require = createRequire(import.meta.url);
let loaded: typeof ExcelJS | undefined;

export const exceljs = (): typeof ExcelJS => (loaded ??= require('exceljs') as typeof ExcelJS);

const parts = new Map<string, unknown>();
/** one of exceljs' own modules (`exceljs/lib/…`), loaded when first asked for (then a map lookup: it is asked per cell) */
export function exceljsPart<T>(path: string): T {
  if (!parts.has(path)) parts.set(path, require(`exceljs/lib/${path}`));
  return parts.get(path) as T;
}

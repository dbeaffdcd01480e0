// The text of an uploaded CSV, whatever Windows or WPS saved it as. "Save as CSV" on a Chinese
// Windows writes GB18030 (GBK) without any mark; Excel's "CSV UTF-8" writes UTF-8 with a BOM;
// "Unicode text" is UTF-16 with a BOM. Detection, in this order: a BOM; else bytes that are valid
// UTF-8 are UTF-8 (GB18030 text is almost never valid UTF-8, and plain ASCII is both); else
// GB18030. Bytes that none of these reads cleanly (a binary file, an old .xls, UTF-16 without
// its BOM) are refused rather than imported as mojibake.
import iconv from 'iconv-lite';

export type Decoded = { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' } | { problem: string };

export const UNKNOWN_ENCODING =
  'the file is not text in a known encoding (UTF-8, UTF-16 with BOM, or GB18030/GBK): save it from Excel or WPS as CSV, or send the .xlsx workbook';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

const startsWith = (buf: Buffer, ...bytes: number[]) => bytes.every((b, i) => buf[i] === b);

/** A zip archive: an .xlsx workbook sent under the CSV's content type. */
export const isZip = (buf: Buffer) => startsWith(buf, 0x50, 0x4b, 0x03, 0x04);

export function decodeCsv(buf: Buffer): Decoded {
  if (startsWith(buf, 0xef, 0xbb, 0xbf)) return checked(readUtf8(buf.subarray(3)), 'utf-8');
  if (startsWith(buf, 0xff, 0xfe)) return checked(iconv.decode(buf.subarray(2), 'utf-16le', { stripBOM: false }), 'utf-16le', true);
  if (startsWith(buf, 0xfe, 0xff)) return checked(iconv.decode(buf.subarray(2), 'utf-16be', { stripBOM: false }), 'utf-16be', true);
  const asUtf8 = readUtf8(buf);
  if (asUtf8 !== null) return checked(asUtf8, 'utf-8');
  return checked(iconv.decode(buf, 'gb18030', { stripBOM: false }), 'gb18030', true);
}

function readUtf8(buf: Buffer): string | null {
  try {
    return utf8.decode(buf);
  } catch {
    return null;
  }
}

/**
 * iconv-lite writes U+FFFD for bytes its encoding has no character for (a UTF-8 file may hold
 * U+FFFD itself: it is text).
 */
function checked(text: string | null, encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030', replaced = false): Decoded {
  if (text === null || looksBinary(text) || (replaced && text.includes('\uFFFD'))) return { problem: UNKNOWN_ENCODING };
  return { text, encoding };
}

/**
 * UTF-16 without its BOM and binary files are full of U+0000; a text file with a stray one is
 * still text (the cell holding it is then named as unstorable, import.parse.ts).
 */
function looksBinary(text: string): boolean {
  if (!text.includes('\u0000')) return false;
  const head = text.slice(0, 4096);
  let zeros = 0;
  for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) === 0) zeros++;
  return zeros * 10 > head.length;
}

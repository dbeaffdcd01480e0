import { z } from 'zod';

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBody = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** One offending field of a 400. */
export const FieldIssue = z.object({ field: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

// Dates and times before 1970 are refused: none is real in a campaign, a two-digit year would
// be read as 19xx, and the reports pack a step's time as unsigned seconds since 1970. Dates after
// 2999 are refused too: the day after 9999-12-31 is no date a report can be computed for.
/** A calendar date, YYYY-MM-DD, that exists, from 1970 to 2999. */
export const IsoDate = z.iso
  .date({ abort: true })
  .refine((d) => d >= '1970-01-01', 'must be 1970-01-01 or later')
  .refine((d) => d <= '2999-12-31', 'must be 2999-12-31 or earlier');
/** An ISO 8601 time with an offset or Z, from 1970 on. */
export const IsoDateTime = z.iso.datetime({ offset: true, abort: true }).refine((t) => Date.parse(t) >= 0, 'must be 1970 or later');
export const Id = z.string();
/** An id a request body points at: "" is refused rather than read as nobody (send null for that). */
export const RefId = z.string().min(1, 'must not be empty (null means none)');

// A page number is bounded so that the rows it skips, (page − 1) × pageSize, stay a 32-bit
// integer for every page size: an unbounded page would overflow the reports' `::int` (a 500 for
// any viewer) and, past 2^53, be no exact number at all. 4,000,000 pages of 500 are two billion
// rows, more than any list here will hold; a page past the end of a list is an empty page.
export const MAX_PAGE_SIZE = 500;
export const MAX_PAGE = 4_000_000;
/**
 * A whole number in a query string, as digits only: Number() would also read "1e3", "0x10",
 * " 1", "1.0" and "Infinity", and a page is none of those.
 */
export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,10}$/, `must be a whole number from ${min} to ${max}, written in digits`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
export const PageQuery = z.object({
  page: queryInt(1, MAX_PAGE).default(1),
  pageSize: queryInt(1, MAX_PAGE_SIZE).default(50),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const IdParams = z.object({ id: z.string() });

/** Query strings carry booleans as text. */
export const BoolText = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Optional text from a form: trimmed, empty means absent. */
export const Text = (max: number) => z.string().trim().max(max);

// PostgreSQL text cannot hold U+0000, and UTF-8 cannot carry half of a UTF-16 surrogate pair
// (JSON's "\udc00"): such text would be refused by the database, or silently altered, after the
// request was accepted. Nor can XML 1.0, the text of every .xlsx, carry the other C0 controls
// (all but tab, line feed and carriage return) or U+FFFE/U+FFFF: one unit named with U+FFFF made
// the laggard workbook unreadable for everyone. All are refused up front, with the field that
// holds them, wherever text is stored (server/plugins/text.ts, and each cell of an import).
// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\p{Cs}]/u;
export const UNSTORABLE_MESSAGE =
  'contains a character that cannot be stored or written to a workbook (a control character other than tab and line break, U+FFFE, U+FFFF, or half of a surrogate pair)';
/** Whether PostgreSQL can store the text as sent, and a workbook's XML can carry it. */
export const storable = (s: string) => !UNSTORABLE.test(s);

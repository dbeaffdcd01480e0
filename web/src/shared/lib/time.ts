// Dates and times in the campaign's time zone, whatever the browser's own zone is, as the
// dashboard's inputs and labels need them; the day arithmetic is shared/domain/dates.ts.
import { dayOf, instantAt, localDateTime } from '../../../../shared/domain/dates.js';

/** The value of an `<input type="datetime-local">` showing `date` as a clock in `timeZone` reads. */
export const toWallInput = (date: Date, timeZone: string): string => localDateTime(date, timeZone).replace(' ', 'T');

/** The instant (ISO, UTC) at which a clock in `timeZone` reads `value` ("YYYY-MM-DDTHH:mm"). */
export function wallInputToIso(value: string, timeZone: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)$/.exec(value);
  return match ? instantAt(match[1], match[2], timeZone).toISOString() : null;
}

// The one way the tracker writes a date and a time, on every screen, in the bulletin and in the
// exports (the server writes files with the same shared/domain/dates.ts functions): 2026-12-01
// and 2026-12-01 14:05, 24-hour, whatever the language. Intl's zh-CN "2026/12/01" and en-GB
// "01/12/2026" differed between screens and from the files.

/** An instant shown as the campaign's clock reads it: "2026-12-01 14:05". */
export function formatDateTime(iso: string | null | undefined, timeZone: string, _locale?: string): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : localDateTime(ms, timeZone);
}

/** A calendar date (YYYY-MM-DD, shown as it is) or the day of an instant in the campaign's zone. */
export function formatDate(value: string | null | undefined, timeZone: string, _locale?: string): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : dayOf(ms, timeZone);
}

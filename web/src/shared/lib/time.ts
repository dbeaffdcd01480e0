// Dates and times in the campaign's time zone, whatever the browser's own zone is, as the
// dashboard's inputs and labels need them; the day arithmetic is shared/domain/dates.ts.
import { instantAt, localDateTime } from '../../../../shared/domain/dates.js';

/** The value of an `<input type="datetime-local">` showing `date` as a clock in `timeZone` reads. */
export const toWallInput = (date: Date, timeZone: string): string => localDateTime(date, timeZone).replace(' ', 'T');

/** The instant (ISO, UTC) at which a clock in `timeZone` reads `value` ("YYYY-MM-DDTHH:mm"). */
export function wallInputToIso(value: string, timeZone: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)$/.exec(value);
  return match ? instantAt(match[1], match[2], timeZone).toISOString() : null;
}

const displayFormats = new Map<string, Intl.DateTimeFormat>();
function displayFormat(locale: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime}`;
  let format = displayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    displayFormats.set(key, format);
  }
  return format;
}

/** An instant shown as the campaign's clock reads it. */
export function formatDateTime(iso: string | null | undefined, timeZone: string, locale: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : displayFormat(locale, timeZone, true).format(date);
}

/** A calendar date (YYYY-MM-DD) or the day of an instant, in the campaign's zone. */
export function formatDate(value: string | null | undefined, timeZone: string, locale: string): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return displayFormat(locale, 'UTC', false).format(new Date(`${value}T00:00:00Z`));
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : displayFormat(locale, timeZone, false).format(date);
}

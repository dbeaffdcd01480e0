// Dates and times in the campaign's time zone, whatever the browser's own zone is.

const partFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormats.set(timeZone, format);
  }
  return format;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallTime(date: Date, timeZone: string): WallTime {
  const out: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(date)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return { year: out.year, month: out.month, day: out.day, hour: out.hour % 24, minute: out.minute, second: out.second };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar date (YYYY-MM-DD) that `date` falls on in `timeZone`. */
export function dateIn(timeZone: string, date: Date = new Date()): string {
  const w = wallTime(date, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The value of an `<input type="datetime-local">` showing `date` as a clock in `timeZone` reads. */
export function toWallInput(date: Date, timeZone: string): string {
  const w = wallTime(date, timeZone);
  return `${dateIn(timeZone, date)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** How far `timeZone`'s clock is ahead of UTC at `date`, in ms. */
function offsetAt(date: Date, timeZone: string): number {
  const w = wallTime(date, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (date.getTime() - date.getUTCMilliseconds());
}

/** The instant (ISO, UTC) at which a clock in `timeZone` reads `value` ("YYYY-MM-DDTHH:mm"). */
export function wallInputToIso(value: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const guess = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  // Twice, so a guess that lands across a daylight-saving change settles on the right offset.
  let instant = guess - offsetAt(new Date(guess), timeZone);
  instant = guess - offsetAt(new Date(instant), timeZone);
  return new Date(instant).toISOString();
}

/** Whole days from calendar date `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
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

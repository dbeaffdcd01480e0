// Calendar-day arithmetic in the campaign's time zone. A "day" is a YYYY-MM-DD string; the
// same rules run in the server, the dashboard and the tests, so they must not depend on the
// machine's own zone.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: number, timeZone: string) {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return { y: +parts.year, m: +parts.month, d: +parts.day, h: +parts.hour, min: +parts.minute, s: +parts.second };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const toMs = (instant: string | Date | number) => (typeof instant === 'number' ? instant : typeof instant === 'string' ? Date.parse(instant) : instant.getTime());

/** The calendar day on which an instant falls in `timeZone`. */
export function dayOf(instant: string | Date | number, timeZone: string): string {
  const w = wallClock(toMs(instant), timeZone);
  return `${pad(w.y, 4)}-${pad(w.m)}-${pad(w.d)}`;
}

/** Today in `timeZone`. */
export const today = (timeZone: string, now: Date = new Date()) => dayOf(now, timeZone);

/** "YYYY-MM-DD HH:mm" in `timeZone`: how a time is shown in files people open. */
export function localDateTime(instant: string | Date | number, timeZone: string): string {
  const w = wallClock(toMs(instant), timeZone);
  return `${pad(w.y, 4)}-${pad(w.m)}-${pad(w.d)} ${pad(w.h)}:${pad(w.min)}`;
}

const dayMs = 86_400_000;
const utcOf = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
};

/** Days since 1970-01-01: the integer form the SQL side uses too. */
export const dayNumber = (day: string) => Math.round(utcOf(day) / dayMs);
export const fromDayNumber = (n: number) => new Date(n * dayMs).toISOString().slice(0, 10);

export const addDays = (day: string, n: number) => fromDayNumber(dayNumber(day) + n);

/** `to` − `from` in whole calendar days. */
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** The instant at which a clock in `timeZone` reads `time` ("HH:mm" or "HH:mm:ss") on `day` (DST-safe). */
export function instantAt(day: string, time: string, timeZone: string): Date {
  const [h, min, sec = 0] = time.split(':').map(Number);
  const target = utcOf(day) + ((h * 60 + min) * 60 + sec) * 1000;
  let t = target;
  // the zone's offset at t, applied until it settles (twice covers a DST change)
  for (let i = 0; i < 3; i++) {
    const w = wallClock(t, timeZone);
    const offset = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - t;
    const next = target - offset;
    if (next === t) break;
    t = next;
  }
  return new Date(t);
}

/** The first instant of `day` in `timeZone`. */
export const startOfDay = (day: string, timeZone: string) => instantAt(day, '00:00', timeZone);

/** The first instant after `day` ends in `timeZone`: steps before it happened on or before `day`. */
export const endOfDay = (day: string, timeZone: string) => startOfDay(addDays(day, 1), timeZone);

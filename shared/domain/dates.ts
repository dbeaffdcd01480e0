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

/** The zone's offset from UTC at an instant, in ms (whole seconds: historic offsets have them). */
function offsetAt(t: number, timeZone: string): number {
  const w = wallClock(t, timeZone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - (t - (((t % 1000) + 1000) % 1000));
}

/**
 * The instant at which a clock in `timeZone` reads `time` ("HH:mm" or "HH:mm:ss") on `day`. Where
 * the clock reads it twice (a daylight-saving change back), the first; where it never does (a
 * change forward skips it), the wall time is read with the offset from before the change, so
 * the instant falls just after the gap (as PostgreSQL and Temporal's "compatible" read it).
 */
export function instantAt(day: string, time: string, timeZone: string): Date {
  const [h, min, sec = 0] = time.split(':').map(Number);
  const target = utcOf(day) + ((h * 60 + min) * 60 + sec) * 1000;
  // the offsets a day either side: no zone changes twice within two days
  const before = offsetAt(target - dayMs, timeZone);
  const after = offsetAt(target + dayMs, timeZone);
  const reads = (t: number) => t + offsetAt(t, timeZone) === target;
  const candidates = [target - before, target - after].filter(reads);
  return new Date(candidates.length ? Math.min(...candidates) : target - before);
}

const starts = new Map<string, number>();

/**
 * The first instant of `day` in `timeZone`: the first whose calendar day is `day`. Usually
 * 00:00; where a daylight-saving change skips midnight (Africa/Cairo, Asia/Beirut,
 * America/Santiago, America/Havana change at 00:00), the instant of the change, when the clock
 * jumps from 23:59:59 to 01:00. (Reading "00:00" by the day's later offset would give 23:00 of the
 * day before, and count a step at 23:30 on the wrong day.) A day a zone skipped entirely
 * (Pacific/Apia, 2011-12-30) starts where the next one does.
 */
export function startOfDay(day: string, timeZone: string): Date {
  const key = `${timeZone} ${day}`;
  const known = starts.get(key);
  if (known !== undefined) return new Date(known);
  const guess = instantAt(day, '00:00', timeZone).getTime();
  let start = guess;
  if (!(dayOf(guess, timeZone) >= day && dayOf(guess - 1, timeZone) < day)) {
    // the day starts at a change of offset near the guess: the first instant on `day`, to the ms
    let lo = guess - 2 * dayMs; // on an earlier day
    let hi = guess + 2 * dayMs; // on `day` or later
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (dayOf(mid, timeZone) >= day) hi = mid;
      else lo = mid;
    }
    start = hi;
  }
  if (starts.size > 10_000) starts.clear();
  starts.set(key, start);
  return new Date(start);
}

/** The first instant after `day` ends in `timeZone`: steps before it happened on or before `day`. */
export const endOfDay = (day: string, timeZone: string) => startOfDay(addDays(day, 1), timeZone);

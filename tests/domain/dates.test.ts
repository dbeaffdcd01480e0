// Day bounds by the zone's own rules (issue 13): where a daylight-saving change skips midnight,
// a day starts at the change, not at 23:00 of the day before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOf, endOfDay, instantAt, startOfDay } from '../../shared/domain/dates.js';

/** zones whose clocks change at midnight, beside ordinary ones */
const ZONES = ['Africa/Cairo', 'Asia/Beirut', 'America/Santiago', 'America/Havana', 'America/Asuncion', 'Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Apia'];

describe('day bounds in a time zone', () => {
  it('a day whose midnight is skipped starts at the change: Cairo, 26 April 2024, at 01:00', () => {
    expect(startOfDay('2024-04-26', 'Africa/Cairo').toISOString()).toBe('2024-04-25T22:00:00.000Z');
    expect(endOfDay('2024-04-25', 'Africa/Cairo').toISOString()).toBe('2024-04-25T22:00:00.000Z');
    // a step at 23:30 on the 25th is on the 25th, and before the 25th's end
    const late = Date.parse('2024-04-25T21:30:00Z');
    expect(dayOf(late, 'Africa/Cairo')).toBe('2024-04-25');
    expect(late).toBeLessThan(endOfDay('2024-04-25', 'Africa/Cairo').getTime());
    expect(startOfDay('2026-03-29', 'Asia/Beirut').toISOString()).toBe('2026-03-28T22:00:00.000Z');
    expect(startOfDay('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('a day whose last hour is repeated lasts 25 hours: Cairo, 31 October 2024', () => {
    expect(startOfDay('2024-10-31', 'Africa/Cairo').toISOString()).toBe('2024-10-30T21:00:00.000Z');
    expect(endOfDay('2024-10-31', 'Africa/Cairo').toISOString()).toBe('2024-10-31T22:00:00.000Z');
  });

  it('a day the zone skipped starts where the next one does: Apia, 30 December 2011', () => {
    expect(startOfDay('2011-12-30', 'Pacific/Apia').getTime()).toBe(startOfDay('2011-12-31', 'Pacific/Apia').getTime());
  });

  it('every instant lies between the start and the end of its own day, and a day starts on itself', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2040-01-01') }), (zone, t) => {
        const day = dayOf(t, zone);
        const start = startOfDay(day, zone).getTime();
        expect(start).toBeLessThanOrEqual(t);
        expect(t).toBeLessThan(endOfDay(day, zone).getTime());
        expect(dayOf(start, zone)).toBe(day);
        expect(dayOf(start - 1, zone) < day).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('holds on every day of 2024–2027 in the midnight zones, their changes included', () => {
    for (const zone of ZONES.slice(0, 3)) {
      for (let day = '2024-01-01'; day < '2027-12-31'; day = addDays(day, 1)) {
        const start = startOfDay(day, zone).getTime();
        const end = endOfDay(day, zone).getTime();
        const hours = (end - start) / 3_600_000;
        expect([23, 24, 25], `${day} in ${zone}: ${hours} h`).toContain(hours);
        expect(dayOf(start, zone)).toBe(day);
        expect(dayOf(end - 1, zone)).toBe(day);
      }
    }
  });

  it('reads a wall time the clock shows twice as the first, and one it skips as just after the gap', () => {
    expect(instantAt('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(instantAt('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(instantAt('2024-04-26', '00:00', 'Africa/Cairo').toISOString()).toBe('2024-04-25T22:00:00.000Z');
    expect(instantAt('2026-03-10', '09:30', 'Asia/Shanghai').toISOString()).toBe('2026-03-10T01:30:00.000Z');
  });
});

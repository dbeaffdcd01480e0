import { describe, expect, it } from 'vitest';
import { dayOf, daysBetween } from '../../shared/domain/dates.js';
import { formatDate, formatDateTime, toWallInput, wallInputToIso } from '../../web/src/shared/lib/time.js';

describe('campaign time zone', () => {
  it('reads a wall clock in Shanghai as the instant eight hours earlier in UTC', () => {
    expect(wallInputToIso('2026-11-28T09:30', 'Asia/Shanghai')).toBe('2026-11-28T01:30:00.000Z');
  });

  it('shows an instant as the campaign clock reads it, whatever the browser zone', () => {
    expect(toWallInput(new Date('2026-11-27T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-28T01:00');
    expect(dayOf(new Date('2026-11-27T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-28');
  });

  it('goes there and back across a daylight-saving change', () => {
    const iso = wallInputToIso('2026-03-29T03:30', 'Europe/Berlin');
    expect(iso).toBe('2026-03-29T01:30:00.000Z');
    expect(toWallInput(new Date(iso!), 'Europe/Berlin')).toBe('2026-03-29T03:30');
  });

  it('refuses what is not a date and time', () => {
    expect(wallInputToIso('yesterday', 'Asia/Shanghai')).toBeNull();
  });

  it('counts calendar days between two dates', () => {
    expect(daysBetween('2026-11-28', '2026-12-05')).toBe(7);
    expect(daysBetween('2026-12-05', '2026-11-28')).toBe(-7);
  });

  it('writes every date and time one way, 24-hour, in the campaign zone, whatever the language', () => {
    for (const locale of ['zh-CN', 'en-GB', undefined]) {
      expect(formatDateTime('2026-11-28T13:30:00Z', 'Asia/Shanghai', locale)).toBe('2026-11-28 21:30');
      expect(formatDate('2026-12-01', 'Asia/Shanghai', locale)).toBe('2026-12-01');
      // the day of an instant is its day in the campaign's zone
      expect(formatDate('2026-11-30T17:00:00Z', 'Asia/Shanghai', locale)).toBe('2026-12-01');
    }
    expect(formatDateTime(null, 'Asia/Shanghai')).toBe('');
  });
});

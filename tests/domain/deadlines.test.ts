// The inheritance of deadlines (docs/contract/areas.md "Scopes"): installation › province › city › county ›
// the unit's own due dates, and which area each value comes from.
import { describe, expect, it } from 'vitest';
import { addedBy, addedOn, dueDatesOf, effectiveAreaRules, effectiveDeadlines, NO_OWN_RULES, RECORD_DEFAULTS, setsNothing, type AreaOwnRules } from '../../shared/domain/deadlines.js';

const installation = { timezone: 'Asia/Shanghai', wiringDue: '2026-12-31', connectionDue: null, registrationGraceDays: 7, stallDays: 14, postponementLimit: 2, ...RECORD_DEFAULTS };
const none: AreaOwnRules = NO_OWN_RULES;
const own = new Map<string, AreaOwnRules>([
  ['62', { ...none, stallDays: 10, connectionDue: '2027-01-31' }],
  ['6212', { ...none, stallDays: 7 }],
  ['621223', { ...none, registrationGraceDays: 3 }],
]);

describe('effective deadlines per area', () => {
  it('takes each value from the nearest area that sets it, else the installation', () => {
    expect(effectiveAreaRules(installation, own, '621223')).toEqual({
      rules: { ...installation, connectionDue: '2027-01-31', registrationGraceDays: 3, stallDays: 7 },
      sources: { ...none, connectionDue: '62', registrationGraceDays: '621223', stallDays: '6212' },
    });
    expect(effectiveAreaRules(installation, own, '620102').rules.stallDays).toBe(10);
    expect(effectiveAreaRules(installation, own, '6212').sources.registrationGraceDays).toBeNull();
  });

  it('gives a unit without a county, or an area under no override, the installation’s', () => {
    expect(effectiveAreaRules(installation, own, null)).toEqual({ rules: installation, sources: none });
    expect(effectiveAreaRules(installation, own, '110101').rules).toEqual(installation);
  });

  it('lets a unit’s own due dates win', () => {
    const rules = effectiveAreaRules(installation, own, '621223').rules;
    expect(effectiveDeadlines({ wiringDue: '2026-11-30', connectionDue: null }, rules, '2026-01-05')).toEqual({ wiringDue: '2026-11-30', connectionDue: '2027-01-31' });
  });

  it('knows an area that sets nothing', () => {
    expect(setsNothing(none)).toBe(true);
    expect(setsNothing({ stallDays: 3 })).toBe(false);
  });
});

// "The record": units added late are not late on day one
describe('a unit added after a due date', () => {
  const campaign = { wiringDue: '2026-03-31', connectionDue: '2026-05-31', lateJoinWiringDays: 14, lateJoinConnectionDays: 30 };

  it('gets that due date counted from the day it was added, each due date on its own', () => {
    // added after the wiring date, before the connection date: the campaign's connection date stays
    expect(dueDatesOf({}, campaign, '2026-04-10')).toEqual({
      wiringDue: '2026-04-24',
      connectionDue: '2026-05-31',
      sources: { wiringDue: 'late_join', connectionDue: 'campaign' },
    });
    expect(dueDatesOf({}, campaign, '2026-06-01')).toEqual({
      wiringDue: '2026-06-15',
      connectionDue: '2026-07-01',
      sources: { wiringDue: 'late_join', connectionDue: 'late_join' },
    });
  });

  it('is not a late joiner when added on the due date itself or before it', () => {
    expect(effectiveDeadlines({}, campaign, '2026-03-31')).toEqual({ wiringDue: '2026-03-31', connectionDue: '2026-05-31' });
    expect(effectiveDeadlines({}, campaign, '2026-04-01').wiringDue).toBe('2026-04-15');
    expect(effectiveDeadlines({}, campaign, '2026-01-01')).toEqual({ wiringDue: '2026-03-31', connectionDue: '2026-05-31' });
  });

  it('keeps its own due dates, and has none where the campaign sets none', () => {
    expect(dueDatesOf({ wiringDue: '2026-04-01' }, campaign, '2026-06-01')).toMatchObject({ wiringDue: '2026-04-01', sources: { wiringDue: 'unit', connectionDue: 'late_join' } });
    expect(dueDatesOf({}, { ...campaign, wiringDue: null }, '2026-06-01')).toMatchObject({ wiringDue: null, sources: { wiringDue: 'none' } });
  });

  it('counts by the area’s own days', () => {
    expect(effectiveDeadlines({}, { ...campaign, lateJoinWiringDays: 3, lateJoinConnectionDays: 5 }, '2026-06-01')).toEqual({ wiringDue: '2026-06-04', connectionDue: '2026-06-06' });
  });

  it('was added on its creation’s day in the installation’s zone, and is in no report of a day before it', () => {
    // 2026-04-01 00:30 in Shanghai is still 3月31日 in UTC
    expect(addedOn('2026-03-31T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-04-01');
    expect(addedOn('2026-03-31T16:30:00.000Z', 'UTC')).toBe('2026-03-31');
    expect(addedBy('2026-04-01', '2026-03-31')).toBe(false);
    expect(addedBy('2026-04-01', '2026-04-01')).toBe(true);
  });
});

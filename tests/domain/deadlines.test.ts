// The inheritance of deadlines (docs/contract/areas.md "Scopes"): installation › province › city › county ›
// the unit's own due dates, and which area each value comes from.
import { describe, expect, it } from 'vitest';
import { effectiveAreaRules, effectiveDeadlines, NO_OWN_RULES, RECORD_DEFAULTS, setsNothing, type AreaOwnRules } from '../../shared/domain/deadlines.js';

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
    expect(effectiveDeadlines({ wiringDue: '2026-11-30', connectionDue: null }, rules)).toEqual({ wiringDue: '2026-11-30', connectionDue: '2027-01-31' });
  });

  it('knows an area that sets nothing', () => {
    expect(setsNothing(none)).toBe(true);
    expect(setsNothing({ stallDays: 3 })).toBe(false);
  });
});

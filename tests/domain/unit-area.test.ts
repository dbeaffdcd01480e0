// The county a new unit gets when nobody names one (shared/domain/unit-area.ts), in its order:
// the township code's county, the creating office's county, the home area, none.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCounty, defaultCountyCandidates } from '../../shared/domain/unit-area.js';

const COUNTIES = new Set(['621223', '621202']);
const isCounty = (c: string) => COUNTIES.has(c);

describe('defaultCounty', () => {
  it('takes the county a township code names, when that county exists', () => {
    expect(defaultCounty('621223100000', { creatorScope: '621202', homeArea: '621202' }, isCounty)).toBe('621223');
    expect(defaultCounty('621223100', { creatorScope: null, homeArea: null }, isCounty)).toBe('621223');
    // a nine-digit code of no county falls through
    expect(defaultCounty('999999100', { creatorScope: null, homeArea: '621202' }, isCounty)).toBe('621202');
  });

  it('then the creating office’s scope when it is a county, then the home area when it is one, else none', () => {
    expect(defaultCounty('XZ-1', { creatorScope: '621223', homeArea: '621202' }, isCounty)).toBe('621223');
    expect(defaultCounty('XZ-1', { creatorScope: '6212', homeArea: '621202' }, isCounty)).toBe('621202');
    expect(defaultCounty('XZ-1', { creatorScope: '6212', homeArea: '6212' }, isCounty)).toBeNull();
    expect(defaultCounty('XZ-1', { creatorScope: null, homeArea: null }, isCounty)).toBeNull();
  });

  it('asks isCounty only about the candidates it names (one lookup answers it)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.stringMatching(/^\d{9}(\d{3})?$/), fc.string({ maxLength: 12 })),
        fc.constantFrom(null, '62', '6212', '621223', '621202'),
        fc.constantFrom(null, '6212', '621223', '621202', '999999'),
        (code, creatorScope, homeArea) => {
          const d = { creatorScope, homeArea };
          const asked: string[] = [];
          const county = defaultCounty(code, d, (c) => (asked.push(c), isCounty(c)));
          const candidates = defaultCountyCandidates(code, d);
          expect(asked.every((c) => candidates.includes(c))).toBe(true);
          // what it answers is a county, or the creator's own county scope
          if (county !== null) expect(isCounty(county) || county === creatorScope).toBe(true);
        },
      ),
    );
  });
});

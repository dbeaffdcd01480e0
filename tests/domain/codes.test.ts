import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeCode } from '../../shared/domain/codes.js';

const LOOK_ALIKE = ['0', '９', 'a', 'Ａ', 'ｚ', 'Z', '-', '－', '.', '_', ' ', '\u3000', 'ß', 'ı', 'İ', 'σ', 'ς', '镇', '①'];

describe('normalizeCode', () => {
  it('makes full-width digits, spaces and ASCII case one code', () => {
    expect(normalizeCode(' ６２１２ａｂ ')).toBe('6212AB');
    expect(normalizeCode('ab-1')).toBe(normalizeCode('ＡＢ－１'));
  });
  it('changes only ASCII letters’ case, as upper() under the C collation does', () => {
    expect(normalizeCode('ßıσ')).toBe('ßıσ');
  });
  it('is idempotent', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...LOOK_ALIKE), { maxLength: 12 }).map((a) => a.join('')), (s) => normalizeCode(normalizeCode(s)) === normalizeCode(s)));
  });
});

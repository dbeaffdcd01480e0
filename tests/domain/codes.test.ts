// The county a unit code names (shared/domain/codes.ts): a 统一社会信用代码's characters 3–8, checked
// by its GB 32100 check character, else a code's first six digits; a county only if the tree says so.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeProblem, countyCandidates, countyOfCode, isUscc, normalizeCode, USCC_CHARS, usccCheckChar } from '../../shared/domain/codes.js';

// real 统一社会信用代码, as published by the bodies that hold them
const REAL = [
  ['91350100M000100Y43', '350100'], // GB 32100's own example
  ['91110108551385082Q', '110108'], // 小米科技有限责任公司, 北京市海淀区
  ['914403001922038216', '440300'], // 华为技术有限公司, 深圳市
  ['91330100716105852F', '330100'], // 阿里巴巴（中国）有限公司, 杭州市
  ['11100000000013127D', '100000'], // a central government body
] as const;

const COUNTIES = new Set(['621223', '621202', '110108']);
const isCounty = (c: string) => COUNTIES.has(c);

describe('统一社会信用代码 (GB 32100)', () => {
  it.each(REAL)('accepts the real code %s and reads its region %s', (code, region) => {
    expect(isUscc(code)).toBe(true);
    expect(codeProblem(code)).toBeNull();
    expect(countyCandidates(code)[0]).toBe(region);
  });

  it.each(REAL)('refuses %s with any other check character, naming the right one', (code) => {
    for (const c of USCC_CHARS) {
      if (c === code[17]) continue;
      const wrong = code.slice(0, 17) + c;
      expect(isUscc(wrong)).toBe(false);
      expect(codeProblem(wrong)).toContain(`应为 ${code[17]}`);
    }
  });

  it('catches every single mistyped character of a valid code (a check character’s purpose)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REAL.map(([c]) => c)), fc.nat(16), fc.constantFrom(...USCC_CHARS), (code, at, c) => {
        fc.pre(code[at] !== c && !(at >= 2 && at < 8 && !/\d/.test(c)));
        const typo = code.slice(0, at) + c + code.slice(at + 1);
        expect(isUscc(typo)).toBe(false);
      }),
    );
  });

  it('leaves codes of other shapes alone: I, O, S, V, Z, 17 or 19 characters, letters where the region is', () => {
    for (const code of ['91350100M000100Y4', '91350100M000100Y433', '9135010OM000100Y43', '91350100M000100I43', 'XZ-1', '621223100']) {
      expect(codeProblem(code)).toBeNull();
    }
  });

  it('the check character is the one GB 32100 computes: 31 − (Σ weight × value mod 31)', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(usccCheckChar('91110108551385082')).toBe('Q');
  });
});

describe('countyOfCode', () => {
  it('takes a township’s first six digits, and any code that begins with a county’s', () => {
    expect(countyOfCode('621223100', isCounty)).toBe('621223');
    expect(countyOfCode('621223100200', isCounty)).toBe('621223');
    expect(countyOfCode('621202-D01', isCounty)).toBe('621202');
    expect(countyOfCode('999999100', isCounty)).toBeNull();
    expect(countyOfCode('D621223', isCounty)).toBeNull();
  });

  it('takes a valid 统一社会信用代码’s characters 3–8, and an invalid one’s not', () => {
    expect(countyOfCode('91110108551385082Q', isCounty)).toBe('110108');
    expect(countyOfCode('91110108551385082A', isCounty)).toBeNull();
    // a city's region (福州市) is no county
    expect(countyOfCode('91350100M000100Y43', isCounty)).toBeNull();
  });
});

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

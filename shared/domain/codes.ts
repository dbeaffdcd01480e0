// Unit codes as the tracker stores and compares them. A clerk's spreadsheet may carry a code in
// full-width digits (６２１２２３), with spaces around it, or in another letter case: these are
// the same unit, so every entry point (the unit form, PATCH, the import, the code filters) turns
// a code into this one form before it is checked, stored or looked up.
//
// Only ASCII letters change case. JavaScript's toUpperCase and PostgreSQL's upper() disagree on
// some letters (ß, the Turkish dotless i, Greek final sigma), and the migration that normalised
// the stored codes (0007) must compute exactly this form in SQL: upper() under the "C" collation
// changes ASCII letters only, and so does this. NFKC has already made full-width Latin letters
// ASCII (ａ → a), so those fold too.

/** The stored form of a unit code: NFKC, trimmed, ASCII letters upper-cased. */
export function normalizeCode(code: string): string {
  return code.normalize('NFKC').trim().replace(/[a-z]+/g, (m) => m.toUpperCase());
}

// Codes belong to counties (docs/contract/domain.md "The record"): a code names its county when it
// is a 统一社会信用代码 (GB 32100: characters 3–8 are the 登记管理机关行政区划码) or begins
// with a county's 6-digit code (a township's 9-digit code always does). Whether a 6-digit
// candidate IS a county is the area tree's to say, so the rule takes it as `isCounty`. The
// database computes the same in SQL (migration 0018, unit_code_county), held equal by
// tests/api/unit-codes.county.test.ts.

/** GB 32100's 31 characters (no I, O, Z, S, V), each worth its index. */
export const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** GB 32100's weights of characters 1–17: 3^(i-1) mod 31. */
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** An 18-character code of 统一社会信用代码 form: its characters 3–8 digits, the rest GB 32100's. */
export const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character (the 18th) GB 32100 gives the first 17 characters. */
export function usccCheckChar(code: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(code[i]) * USCC_WEIGHTS[i];
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

export const isUscc = (code: string): boolean => USCC_SHAPE.test(code) && usccCheckChar(code) === code[17];

/** Why a code (in its stored form) cannot be a unit's: a 统一社会信用代码 whose check character is wrong. */
export function codeProblem(code: string): string | null {
  if (USCC_SHAPE.test(code) && !isUscc(code)) {
    return `统一社会信用代码 ${code} 的校验位不正确（按 GB 32100 应为 ${usccCheckChar(code)}），请核对`;
  }
  return null;
}

/** The 6-digit codes a code may name its county by, the 统一社会信用代码's first. */
export function countyCandidates(code: string): string[] {
  const out: string[] = [];
  if (isUscc(code)) out.push(code.slice(2, 8));
  if (/^\d{6}/.test(code) && !out.includes(code.slice(0, 6))) out.push(code.slice(0, 6));
  return out;
}

/** The county a code names (null: none), given which 6-digit codes are counties. */
export const countyOfCode = (code: string, isCounty: (c: string) => boolean): string | null => countyCandidates(code).find(isCounty) ?? null;

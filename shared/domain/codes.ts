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

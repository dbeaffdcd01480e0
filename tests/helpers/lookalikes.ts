// Look-alike Unicode for usernames: a plain name and the same name as someone might type it or
// forge it — other case, full-width, NFD, compatibility forms, final sigma, Turkish dotted and
// dotless i. Every disguise must be the same account as the plain name.
import fc from 'fast-check';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A plain name: ASCII lower-case letters and digits, with the odd . _ - inside. */
export const plainName = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 1, maxLength: 1 }),
    fc.string({ unit: fc.constantFrom(...LETTERS, ...'0123456789', '.', '_', '-'), minLength: 1, maxLength: 14 }),
  )
  .map(([a, b]) => a + b);

/** Greek names, whose last σ lower-cases to ς in JavaScript and to σ in PostgreSQL. */
export const greekName = fc
  .string({ unit: fc.constantFrom(...'αβγδεζηθικλμνξοπρστυφχψω'), minLength: 1, maxLength: 8 })
  .map((s) => `${s}σ`);

type Disguise = (ch: string) => string;

// each maps one lower-case character to a look-alike (or to itself when it has none)
const DISGUISES: Record<string, Disguise> = {
  upper: (c) => c.toUpperCase(),
  fullWidth: (c) => (/[a-z0-9]/.test(c) ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c),
  fullWidthUpper: (c) => (/[a-z]/.test(c) ? String.fromCodePoint(c.toUpperCase().codePointAt(0)! + 0xfee0) : c),
  mathBold: (c) => (/[a-z]/.test(c) ? String.fromCodePoint(0x1d41a + c.charCodeAt(0) - 97) : c),
  circled: (c) => (/[a-z]/.test(c) ? String.fromCodePoint(0x24d0 + c.charCodeAt(0) - 97) : c),
  turkishDotted: (c) => (c === 'i' ? 'İ' : c),
  turkishDotless: (c) => (c === 'i' ? 'ı' : c),
  finalSigma: (c) => (c === 'σ' ? 'ς' : c),
  greekUpper: (c) => (/[α-ω]/.test(c) ? c.toUpperCase() : c),
  same: (c) => c,
};

/** The name with each character disguised its own way; then, at random, all of it in NFD. */
export const disguised = (name: string) =>
  fc
    .tuple(fc.array(fc.constantFrom(...Object.keys(DISGUISES)), { minLength: [...name].length, maxLength: [...name].length }), fc.boolean())
    .map(([ways, nfd]) => {
      const out = [...name].map((c, i) => DISGUISES[ways[i]](c)).join('');
      return nfd ? out.normalize('NFD') : out;
    });

/** A plain (or Greek) name and one of its disguises. */
export const lookalikePair = fc.oneof(plainName, greekName).chain((name) => disguised(name).map((other) => [name, other] as const));

/** Names with accents, typed precomposed (NFC) and decomposed (NFD). */
export const accentedName = fc
  .string({ unit: fc.constantFrom(...'aeiouncéèêëüöäñçåø'), minLength: 2, maxLength: 10 })
  .map((s) => `${s}é`);

// The rule of when two usernames are one account, held by properties over look-alike Unicode.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameUsername, usernameDisplay, usernameKey } from '../../shared/domain/usernames.js';
import { Username } from '../../shared/schemas/users.js';
import { accentedName, lookalikePair, plainName } from '../helpers/lookalikes.js';

describe('usernameKey', () => {
  it('makes one key of a name and every look-alike of it', () => {
    fc.assert(fc.property(lookalikePair, ([name, other]) => {
      expect(usernameKey(other)).toBe(usernameKey(name));
    }), { numRuns: 2000, seed: 13 });
  });

  it('is its own key (idempotent), in NFKC, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (s) => {
        const key = usernameKey(s);
        expect(usernameKey(key)).toBe(key);
        expect(key.normalize('NFKC')).toBe(key);
      }),
      { numRuns: 3000, seed: 13 },
    );
  });

  it('keeps different plain names apart', () => {
    fc.assert(fc.property(plainName, plainName, (a, b) => {
      expect(sameUsername(a, b)).toBe(a === b);
    }), { numRuns: 1000, seed: 13 });
  });

  it('is the same for an accented name typed in NFC and in NFD', () => {
    fc.assert(fc.property(accentedName, (s) => {
      expect(usernameKey(s.normalize('NFD'))).toBe(usernameKey(s.normalize('NFC')));
    }), { seed: 13 });
  });

  it.each([
    ['ΟΔΥΣΣΕΥΣ', 'οδυσσευς', 'final sigma'],
    ['ΟΔΥΣΣΕΥΣ', 'οδυσσευσ', 'final sigma typed as a medial one'],
    ['İlker', 'ilker', 'Turkish dotted capital İ'],
    ['ILKER', 'ılker', 'Turkish dotless ı'],
    ['ａｄｍｉｎ', 'admin', 'full-width'],
    ['ＡＤＭＩＮ', 'admin', 'full-width capitals'],
    ['Jose\u0301', 'josé', 'NFD'],
    ['Straße', 'strasse', 'sharp s'],
    ['ﬁeld', 'field', 'a ligature'],
  ])('%s and %s are one account (%s)', (a, b) => {
    expect(usernameKey(a)).toBe(usernameKey(b));
  });

  it('keeps Chinese names and digits as they are', () => {
    expect(usernameKey('王工01')).toBe('王工01');
    expect(usernameKey(' zfb01 ')).toBe('zfb01');
  });
});

describe('the stored display form and the schema', () => {
  it('stores a name as typed, in NFKC', () => {
    expect(usernameDisplay('ａｄｍｉｎ')).toBe('admin');
    expect(usernameDisplay('Jose\u0301')).toBe('José');
    expect(usernameDisplay('LiMing')).toBe('LiMing');
  });

  it('accepts an NFD-typed name and answers it in NFKC', () => {
    expect(Username.parse('Jose\u0301')).toBe('José');
    expect(Username.parse('ａｄｍｉｎ')).toBe('admin');
    expect(Username.safeParse('\u0301abc').success).toBe(false); // a lone mark cannot start a name
  });
});

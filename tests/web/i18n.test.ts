// The Chinese screens speak Chinese: every English text has its Chinese one, and no Chinese value
// is left in English (a few names are written in Latin letters on purpose: file kinds, standards).
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { zh } from '../../web/src/i18n/zh.js';
import { ROLLUP_RANK } from '../../shared/domain/rollup.js';

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, path: string[] = []): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[[...path, k].join('.'), v] as [string, string]] : leaves(v, [...path, k])));

/** Latin words a Chinese screen writes as they are. */
const LATIN_WORDS = new Set(['CSV', 'XLSX', 'xlsx', 'csv', 'Excel', 'WPS', 'UTF', 'IANA', 'IP', 'Asia', 'Shanghai', 'UTC', 'PDF', 'Webhook', 'SEC', 'GB', 'GBK', 'BOM', 'DNS', 'HTTPS']);
/** Values that are not Chinese text at all: the language switch names the other language in it. */
const NOT_TEXT = new Set(['app.otherLanguage', 'app.otherLanguageCode']);

/** The Latin words left in a value once its {{placeholders}} are taken out. */
// an address shown as an example and a setting's name (NOTIFY_ALLOWED_HOSTS) are written as they are
const latinWords = (value: string) =>
  (value.replace(/\{\{[^}]*\}\}/g, '').replace(/https?:\/\/[^\s，。）]*/g, '').replace(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g, '').match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !LATIN_WORDS.has(w));

describe('the dictionaries', () => {
  it('have the same keys in Chinese and in English', () => {
    const zhKeys = leaves(zh as Tree).map(([k]) => k);
    const enKeys = leaves(en as Tree).map(([k]) => k);
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
  });

  it('leave no Chinese value in English', () => {
    const english = leaves(zh as Tree).filter(([k, v]) => !NOT_TEXT.has(k) && latinWords(v).length > 0);
    expect(english).toEqual([]);
  });

  it('name the same placeholders in both languages', () => {
    const names = (v: string) => [...v.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const enValues = new Map(leaves(en as Tree));
    const differ = leaves(zh as Tree).filter(([k, v]) => enValues.has(k) && names(v).join() !== names(enValues.get(k)!).join());
    expect(differ).toEqual([]);
  });

  it('tell a Latin sentence from the names allowed in it', () => {
    expect(latinWords('不是有效的 CSV 文件，请用 Excel 另存为“CSV UTF-8”格式')).toEqual([]);
    expect(latinWords('{{count}} 条，例如 Asia/Shanghai')).toEqual([]);
    expect(latinWords('not a known IANA time zone name')).toEqual(['not', 'known', 'time', 'zone', 'name']);
  });
});

describe('the roll-up rank rule', () => {
  it('is worded in the files (shared/domain/rollup.ts) as on the screen', () => {
    for (const r of ROLLUP_RANK) {
      expect(r.zh).toBe(zh.areas.rank[r.key]);
      expect(r.en).toBe(en.areas.rank[r.key]);
    }
  });
});

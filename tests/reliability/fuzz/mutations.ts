// What the fuzzer throws: edge values, mutations of a valid body (a field dropped, retyped, made
// huge, nulled, unicode, out of range, extra keys), broken CSV, raw junk under any content type,
// and path ids of every shape.
import fc from 'fast-check';
import { JSON_BODY_LIMIT } from '../../../server/app.js';
import type { IdKind, Route } from './routes.js';

const huge = (ch: string, n: number) => ch.repeat(n);

/** Characters XML 1.0 (the text of every .xlsx) cannot carry, besides U+0000 and lone surrogates. */
export const XML_FORBIDDEN = ['\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\ufffe', '\uffff'];

/** The same text as a person reads it, in forms that differ in code points: width, case, composition. */
export function lookAlikes(s: string): string[] {
  const fullWidth = s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  return [...new Set([fullWidth, s.toLowerCase(), s.toUpperCase(), s.normalize('NFD'), s.normalize('NFKD'), ` ${s}\u3000`])].filter((v) => v !== s);
}
/** Names whose letters two case rules fold differently: Greek final sigma, Turkish dotted and dotless i, ß, a ligature, NFD accents. */
export const LOOK_ALIKE_NAMES = ['ΟΔΥΣΣΕΥΣ', 'οδυσσευς', 'İstanbul', 'istanbul', 'ISTANBUL', 'ıi', 'Straße', 'STRASSE', 'ﬁle', 'José', 'Jose\u0301', 'ａｄｍｉｎ', 'Ａ１２３', '①②', 'Ⅻ'];

/** Numbers as a query string may carry them: past 32 and 53 bits, past a double, and what Number() reads that no page is. */
export const hugeNumberText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '2147483647', '2147483648', '4294967295', '4294967296', '4000000', '4000001', '9007199254740991', '9007199254740993', '18446744073709551616',
      '1e15', '1e21', '1e308', '1e309', '-1e309', 'Infinity', '-Infinity', 'NaN', '-0', '0x7fffffff', '0b1', '1.5', '1.0', ' 1', '+1', '１', '٣',
    ),
  },
  // next to the edges of 32-, 53-, 63- and 64-bit numbers, and anywhere between 32 and 53 bits
  { weight: 2, arbitrary: fc.constantFrom(31, 32, 53, 63, 64).chain((b) => fc.bigInt({ min: 2n ** BigInt(b) - 4n, max: 2n ** BigInt(b) + 4n })).map(String) },
  { weight: 2, arbitrary: fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }).map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 40n }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }).map((n) => '9'.repeat(n)) },
  { weight: 1, arbitrary: fc.double().map(String) },
);
const EDGE_STRINGS = [
  '', ' ', '\t\n', 'null', 'undefined', 'true', '0', '-1', 'NaN', 'Infinity', '[]', '{}',
  "'; drop table units; --", '%s%n', '\\', '"', '<script>alert(1)</script>', '../../etc/passwd',
  '\u200b', '\u202e', '\ufeff', 'Ａ', '𠀋', '👩‍👩‍👧', 'é', 'ﬁ', 'İ', '\ud800', '\udc00x', '\u0085', '\u2028', '\u0000', 'a\u0000b',
  ...XML_FORBIDDEN.map((c) => `县${c}委`), ...LOOK_ALIKE_NAMES,
];
const EDGE_DATES = [
  '1969-12-31', '1970-01-01', '0000-01-01', '9999-12-31', '2026-02-30', '2025-02-29', '2026-13-01', '+275760-09-13',
  '2026-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '2999-01-01T00:00:00Z', '2026-01-01T00:00:00', '2026-01-01 08:00:00+08',
  '2026-06-01T25:00:00Z', '2026-06-01T12:00:00+24:00', new Date(Date.now() - 3_600_000).toISOString(), '20260101', 'today',
];
const EDGE_NUMBERS = [0, -0, -1, 1, 0.5, 1.5, 7, 100, 101, 365, 366, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e21, 1e308, -1e308, Number.MIN_VALUE];

/** A value to put where a field was; `ids` are real ones of the database under test. */
const nasty = (ids: string[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<unknown>(null, true, false, ...EDGE_NUMBERS) },
    { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })) },
    { weight: 3, arbitrary: fc.constantFrom(...EDGE_STRINGS, ...EDGE_DATES) },
    // U+0000, which PostgreSQL text cannot hold
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })).map(([a, b]) => `${a}\u0000${b}`) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('x', '字', '😀', ' ', 'é'), fc.integer({ min: 101, max: 200_000 })).map(([c, n]) => huge(c, n)) },
    // over the JSON body limit: a 413
    { weight: 1, arbitrary: fc.constant(huge('x', JSON_BODY_LIMIT + 1)) },
    { weight: 2, arbitrary: fc.constantFrom(...ids) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'id', 'revision', 'progress', 'stepCount', 'createdAt', 'passwordHash', 'role', 'unitId', 'voided', 'seq', 'x'];

/** Text to put inside a text field, keeping it a string: what gets past the schemas to the database. */
const nastyText = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...EDGE_STRINGS.filter(Boolean)),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
    fc.constantFrom('\u0000', '\u007f', '\ud83d', ...XML_FORBIDDEN),
    fc.constantFrom(...LOOK_ALIKE_NAMES),
    fc.tuple(fc.constantFrom('x', '字', '😀'), fc.integer({ min: 50, max: 2000 })).map(([c, n]) => huge(c, n)),
  );

type Op =
  | { kind: 'drop'; at: number }
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'deep'; at: number; inner: number; value: unknown }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'splice'; at: number; text: string }
  | { kind: 'wrap' };

const ops = (ids: string[]): fc.Arbitrary<Op[]> =>
  fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }) },
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: nasty(ids) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('deep' as const), at: fc.nat(), inner: fc.nat(), value: nasty(ids) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('extra' as const), key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 10 })), value: nasty(ids) }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'wrap' as const }) },
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), text: nastyText() }) },
    ),
    { minLength: 1, maxLength: 3 },
  );

const FREE_TEXT = new Set(['name', 'displayName', 'note', 'reason', 'address', 'contactName', 'username', 'password', 'platformRef', 'circuitId', 'parentCode']);

/** Sets a key as data, never as a prototype (`__proto__`). */
function put(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function mutate(seed: unknown, list: Op[]): unknown {
  let body: unknown = structuredClone(seed);
  for (const op of list) {
    if (op.kind === 'wrap') {
      body = [body];
      continue;
    }
    if (!isObject(body)) continue;
    const keys = Object.keys(body);
    if (op.kind === 'extra') put(body, op.key, op.value);
    else if (op.kind === 'splice') {
      // into a text field, nested ones included (a step's data)
      const texts: [Record<string, unknown>, string][] = [];
      const walk = (o: Record<string, unknown>) => Object.entries(o).forEach(([k, v]) => (typeof v === 'string' ? texts.push([o, k]) : isObject(v) && walk(v)));
      walk(body);
      // every other time into free text (a name, a note), which the schemas pass on to the database
      const free = texts.filter(([, k]) => FREE_TEXT.has(k));
      const pool = op.at % 2 === 0 && free.length ? free : texts;
      if (pool.length === 0) continue;
      const [owner, key] = pool[Math.floor(op.at / 2) % pool.length];
      const text = owner[key] as string;
      const at = Math.floor(text.length / 2);
      put(owner, key, text.slice(0, at) + op.text + text.slice(at));
    }
    else if (keys.length === 0) continue;
    else if (op.kind === 'drop') delete body[keys[op.at % keys.length]];
    else if (op.kind === 'set') put(body, keys[op.at % keys.length], op.value);
    else {
      const nested = keys.map((k) => body && (body as Record<string, unknown>)[k]).filter(isObject);
      if (nested.length === 0) put(body, keys[op.at % keys.length], op.value);
      else {
        const inner = nested[op.at % nested.length];
        const innerKeys = Object.keys(inner);
        put(inner, innerKeys.length ? innerKeys[op.inner % innerKeys.length] : 'x', op.value);
      }
    }
  }
  return body;
}

/** A CSV seed broken at the text level. */
const csvMutation = () =>
  fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(',', '"', '\n', '\r\n', ',,,', '"a""b', '\ufeff', '\u0000', ';'), fc.string({ unit: 'grapheme', maxLength: 20 })) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('dropLine' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('huge' as const), n: fc.integer({ min: 200, max: 50_000 }) }),
  );
type CsvOp = typeof csvMutation extends () => fc.Arbitrary<infer T> ? T : never;

function mutateCsv(text: string, list: CsvOp[]): string {
  for (const op of list) {
    if (op.kind === 'insert') {
      const at = op.at % (text.length + 1);
      text = text.slice(0, at) + op.text + text.slice(at);
    } else if (op.kind === 'cut') text = text.slice(0, op.at % (text.length + 1));
    else if (op.kind === 'dropLine') {
      const lines = text.split('\n');
      lines.splice(op.at % lines.length, 1);
      text = lines.join('\n');
    } else text = text.replace(/\n([^,\n]*),/, `\n$1${huge('长', op.n)},`);
  }
  return text;
}

// ——— the requests ——————————————————————————————————————————————————————————————————————————

export interface Payload {
  /** what was meant: the login's audit exception reads its username */
  body: unknown;
  payload?: string | Buffer;
  contentType?: string;
  query?: string;
}

export const json = (body: unknown, contentType = 'application/json'): Payload => ({ body, payload: JSON.stringify(body) ?? 'null', contentType });

const FIELDS = ['type', 'code', 'name', 'kind', 'data', 'reason', 'occurredAt', 'clientEventId', 'username', 'password', 'role', 'unitId', 'timezone', 'unitIds', 'technicianId', 'stallDays', 'disabled'];
const RAW_JUNK: (string | Buffer)[] = [
  '', ' ', '{', '}', '{"code": ', 'null', '[]', '"text"', '0', 'true', '{"a":1,"a":2}', '\ufeff{}',
  '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"stallDays": 1e400}',
  '{"type": "wiring.started"}garbage', '['.repeat(5000), '{"a":'.repeat(2000), '['.repeat(100_000) + ']'.repeat(100_000), `{"code":${'['.repeat(20_000)}"\u0000"${']'.repeat(20_000)}}`, '\u0000', 'code,name,kind\nA,B,township',
  Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
  Buffer.from('PK\u0003\u0004 not really a workbook'),
];
const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'APPLICATION/JSON', 'text/plain', 'text/csv',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/json, text/csv', ';;', '',
];

/** Bodies for a route: its seed kept or mutated, arbitrary JSON, or raw junk under any content type. */
export function bodiesFor(route: Route, seed: fc.Arbitrary<Payload> | undefined, ids: string[]): fc.Arbitrary<Payload> {
  const base = seed ?? fc.constant(json({}));
  const mutated =
    route.key === 'POST /api/units/import'
      ? fc.tuple(base, fc.array(csvMutation(), { minLength: 1, maxLength: 3 })).map(([p, list]): Payload => {
          const text = mutateCsv(String(p.body), list);
          return { ...p, body: text, payload: text };
        })
      : fc.tuple(base, ops(ids)).map(([p, list]) => json(mutate(p.body, list)));
  return fc.oneof(
    { weight: 5, arbitrary: base },
    { weight: 7, arbitrary: mutated },
    { weight: 1, arbitrary: fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(...FIELDS), fc.jsonValue())).map((b) => json(b)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.oneof(fc.constantFrom(...RAW_JUNK), fc.string({ unit: 'binary', maxLength: 50 })), fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }))
        .map(([payload, contentType]): Payload => ({ body: undefined, payload, contentType })),
    },
    { weight: 1, arbitrary: fc.tuple(base, fc.constantFrom(...CONTENT_TYPES)).map(([p, contentType]): Payload => ({ ...p, contentType })) },
  );
}

/** encodeURIComponent, which throws on a lone surrogate: that one goes as the bytes of one, an invalid escape. */
function encodePath(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}

export type IdChoice = { ref: 'own' | IdKind; pick: number } | { literal: string };
export const pathIds: fc.Arbitrary<IdChoice> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ ref: fc.constant('own' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ ref: fc.constantFrom<IdKind>('unit', 'step', 'user'), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.uuid().map((literal) => ({ literal })) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => ({ literal: encodePath(s) })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('%00', '..%2F..', '%2e%2e', '00000000-0000-0000-0000-000000000000', 'x'.repeat(100), 'x'.repeat(101), 'x'.repeat(1000), '', ' ', 'null', '-1', '1e3', '%F0%9F%98%80', '%E0%A4%A', '%', '%ZZ', '%ED%A0%80')
      .map((literal) => ({ literal })),
  },
);

// Hostile headers on every write route, and hostile query strings on the read routes: never a
// 5xx, always the contract's error body, no partial write, and a page never longer than asked
// for. The rest of the bad-input fuzz, and how it is seeded, is told in bad-input.test.ts; this
// file has its own app, made as that one's is (bad-input.kit.ts), and prints and uses the same
// seed (FUZZ_SEED=<n> replays a run, FUZZ_RUNS=<n> makes a longer hunt).
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/lib/session-cookie.js';
import { ErrorBody } from '../../shared/schemas/common.js';
import { hugeNumberText, json, LOOK_ALIKE_NAMES, XML_FORBIDDEN } from './fuzz/mutations.js';
import { READ_ROUTES, ROUTES } from './fuzz/routes.js';
import { callersFor, check, cookieOf, encodePathText, excerpt, forgetSnapshot, HEADER_RUNS, PARENT, report, resolveId, SEED, stats, t, tally, timeFor, totals, useFuzzApp, type Caller } from './bad-input.kit.js';
import { seeds } from './bad-input.seeds.js';

useFuzzApp();

describe('bad input on the write routes', () => {
  it('survives hostile headers on every write route', async () => {
    stats.clear();
    forgetSnapshot();
    const seed = seeds();
    const printable = fc.string({ maxLength: 200 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
    // long and incompressible: an index refuses a value over 2,704 bytes even after compression
    const long = fc.integer({ min: 1000, max: 9000 }).map((n) => randomBytes(n).toString('base64').slice(0, n));
    const value = (specials: string[]) => fc.oneof(printable, long, fc.constantFrom(...specials));
    const headers = fc.dictionary(
      fc.constantFrom('cookie', 'origin', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'content-length', 'x-request-id', 'accept', 'host', 'accept-language', 'content-type', 'content-encoding', 'referer', 'expect'),
      value([
        'null', 'http://localhost', 'http://localhost:80', 'https://evil.example', 'file://', `${SESSION_COOKIE}=`, `${SESSION_COOKIE}=${'a'.repeat(4000)}`,
        `${SESSION_COOKIE}=x; ${SESSION_COOKIE}=y`, '0', '-1', '1', 'abc', '99999999999999999999', 'gzip', 'br', '100-continue', '*/*', 'application/json',
        'text/csv', 'localhost', '[::1]:99999', '..', 'x'.repeat(8000),
      ]),
      { maxKeys: 5 },
    );
    const request = fc.oneof(
      ...ROUTES.map((route) =>
        fc.record({ route: fc.constant(route), caller: callersFor(route), payload: seed[route.key] ?? fc.constant(json({})), headers }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ route, caller, payload, headers: h }) => check(route, { ref: 'own', pick: 0 }, caller, payload, h)),
      { numRuns: HEADER_RUNS, seed: SEED, endOnFailure: true },
    );
    report('hostile headers: runs by route');
    const { runs, reached, ok } = totals();
    console.log(`hostile headers: ${runs} runs, ${reached} (${Math.round((100 * reached) / runs)}%) reached a handler, ${ok} (${Math.round((100 * ok) / runs)}%) succeeded`);
    // the headers must not stop everything at the door: many runs, and every route tried often
    // enough, get through to the handler with them
    expect(reached / runs).toBeGreaterThan(0.2);
    expect(ok).toBeGreaterThan(0);
    // the callers here are the office twelve times in thirteen, and only a unit's own contact may
    // answer a notice: that route's handler is seldom reachable with these callers, headers or not
    const officeReaches = (key: string) => key !== 'POST /api/notices/:id/answer';
    for (const [key, row] of stats) {
      if ((row.get('runs') ?? 0) < 10 || !officeReaches(key)) continue;
      expect((row.get('2xx') ?? 0) + (row.get('handler') ?? 0), `${key}: no run with hostile headers reached its handler`).toBeGreaterThan(0);
    }
  }, timeFor(HEADER_RUNS));

  it('never answers 5xx to hostile query strings on the read routes: huge pages and sizes, junk filters', async () => {
    stats.clear();
    // mostly a page and a page size, huge or not, beside filters that are mostly valid: a filter
    // refused first would hide what the page does
    const pageValue = fc.oneof({ weight: 3, arbitrary: hugeNumberText }, { weight: 1, arbitrary: fc.constantFrom('1', '2', '50', '500', '501') });
    const filters = fc.dictionary(
      fc.constantFrom('asOf', 'from', 'to', 'since', 'q', 'kind', 'stage', 'status', 'onboarded', 'category', 'parentCode', 'unitId', 'type', 'action', 'urged', 'area', 'parent'),
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('2026-01-01', '2026-11-30', 'true', 'wiring', 'blocked', 'township', PARENT, '62', '6212', '621223', '99') },
        { weight: 1, arbitrary: fc.constantFrom('1970-01-01', '2999-12-31', '9999-12-31', '2026-02-30', ...XML_FORBIDDEN, ...LOOK_ALIKE_NAMES) },
        { weight: 1, arbitrary: hugeNumberText },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
      ),
      { maxKeys: 2 },
    );
    const query = fc
      .tuple(fc.option(pageValue, { freq: 4, nil: undefined }), fc.option(pageValue, { freq: 2, nil: undefined }), fc.option(filters, { freq: 2, nil: undefined }))
      .map(([page, pageSize, f]) => ({ ...(f ?? {}), ...(page === undefined ? {} : { page }), ...(pageSize === undefined ? {} : { pageSize }) }));
    const request = fc.record({ route: fc.constantFrom(...READ_ROUTES), query, caller: fc.constantFrom<Caller>('office', 'office', 'viewer', 'technician', 'unit'), pick: fc.nat() });
    await fc.assert(
      fc.asyncProperty(request, async ({ route, query: q, caller, pick }) => {
        // a real id of the kind the path names (a bulletin's, a training's, an area's code…)
        const id = await resolveId(route, { ref: 'own', pick });
        const path = route.path.replace(/:[A-Za-z]+/g, () => id);
        const search = Object.entries(q).map(([k, v]) => `${k}=${encodePathText(v)}`).join('&');
        const cookie = await cookieOf(caller);
        const res = await t.app.inject({ method: 'GET', url: `${path}?${search}`, headers: cookie ? { cookie } : {} });
        const what = `GET ${path}?${search.slice(0, 200)} as ${caller} → ${res.statusCode} ${excerpt(res.body, 200)}`;
        expect(res.statusCode, what).toBeLessThan(500);
        if (res.statusCode >= 400) expect(ErrorBody.safeParse(res.json()).success, what).toBe(true);
        // a page is a page: never more rows than asked for
        if (res.statusCode === 200 && String(res.headers['content-type']).startsWith('application/json')) {
          const body = res.json() as { items?: unknown[]; pageSize?: number };
          if (typeof body.pageSize === 'number') expect(body.items!.length, what).toBeLessThanOrEqual(body.pageSize);
        }
        tally(route, res.statusCode < 400 ? '2xx' : 'handler', res.statusCode);
      }),
      { numRuns: HEADER_RUNS, seed: SEED, endOnFailure: true },
    );
    report('hostile query strings: runs by route');
    // the reads answered, not only refused: some pages came back whole
    expect(totals().ok).toBeGreaterThan(0);
  }, timeFor(HEADER_RUNS));
});

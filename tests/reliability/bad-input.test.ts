// Any JSON body, any headers, any path id on the write routes: never a 5xx, never a partial
// write, always the contract's error body.
//
// The routes come from the access table (fuzz/routes.ts). Bodies are valid ones (a seed per
// route, here) that fast-check mutates (fuzz/mutations.ts), besides arbitrary JSON and raw junk,
// so that most runs get past validation into the handler. After every refused request each
// application table must hash exactly as before (fuzz/tables.ts). What it found is pinned in
// bad-input.cases.test.ts.
//
// The fuzz is in two files, each with its own app and the same set-up (bad-input.kit.ts):
// this one, the write routes' bodies, with the checks that the fuzz covers every route and table
// and that its snapshot sees a write, and then that no two codes or usernames stored, the fuzz's
// among them, are look-alikes; bad-input.headers.test.ts, hostile headers on the writes and
// hostile query strings on the reads.
//
// fast-check runs from a seed printed at the start: a fixed one on a developer's machine, a new
// one each CI run (.ci/run draws it), so that CI keeps finding new inputs; FUZZ_SEED=<n> replays
// a run, FUZZ_RUNS=<n> makes a longer hunt. Each of the two files prints the seed it uses.
import fc from 'fast-check';
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema/index.js';
import { PASSWORD, uniq } from '../helpers/app.js';
import { bodiesFor, lookAlikes, pathIds } from './fuzz/mutations.js';
import { ROUTES, routeOf } from './fuzz/routes.js';
import { callersFor, check, expectWhatWasStoredIsExportable, forgetSnapshot, h, office, patchTarget, realIds, report, RUNS, SEED, stats, t, timeFor, totals, unitIds, useFuzzApp, viewer } from './bad-input.kit.js';
import { seeds } from './bad-input.seeds.js';

useFuzzApp();

/** The same text as a person reads it: what normalising at the door (NFKC, then a case fold) makes one. */
const folded = (s: string) => s.normalize('NFKC').toLowerCase().normalize('NFKC').trim();

/**
 * Units whose codes, or users whose usernames, a person would read as the same. Codes are compared
 * within their county, as units_code_key keeps them one (migration 0018, docs/contract/domain.md
 * "codes by county"): a code naming a county is in that county's, one naming none in its unit's;
 * the same code in two counties is two units, two look-alikes in one county a duplicate.
 */
async function lookAlikeDuplicates(): Promise<string[]> {
  const groups = (values: { v: string; within?: string }[]) => {
    const by = new Map<string, string[]>();
    for (const { v, within = '' } of values) {
      const key = `${within}\u0000${folded(v)}`;
      by.set(key, [...(by.get(key) ?? []), v]);
    }
    return [...by.entries()].filter(([, g]) => g.length > 1).map(([key, g]) => `${g.map((v) => JSON.stringify(v)).join(' = ')}${key.startsWith('\u0000') ? '' : ` (county ${key.split('\u0000')[0]})`}`);
  };
  const codes = await h.rows<{ v: string; within: string }>(sql`select code as v, coalesce(code_county, area_code, '') as within from units`);
  const names = await h.rows<{ v: string }>(sql`select username as v from users`);
  return [...groups(codes).map((g) => `unit codes ${g}`), ...groups(names).map((g) => `usernames ${g}`)];
}

describe('bad input on the write routes', () => {
  it('fuzzes every write route of the access table, and hashes every application table', () => {
    expect(ROUTES.map((r) => r.key)).toEqual(expect.arrayContaining(['POST /api/units/import', 'POST /api/auth/logout', 'POST /api/events/:id/void']));
    const known = Object.values(schema).filter((v) => is(v, PgTable)).map((v) => getTableName(v as PgTable));
    expect(h.tables).toEqual(expect.arrayContaining(known));
    // a route without a seed would be fuzzed with junk only, which seldom reaches its handler
    const missing = ROUTES.filter((r) => !(r.key in seeds())).map((r) => r.key);
    expect(missing, 'write routes without a valid body seed in seeds()').toEqual([]);
  });

  it('the snapshot sees a change in any table, and the login exception is narrow', async () => {
    const s0 = await h.snapshot();
    expect((await office.post(`/api/units/${unitIds[2]}/events`, { type: 'wiring.started' })).statusCode).toBe(201);
    const s1 = await h.snapshot();
    // area_versions: the step's county counts one change more (migration 0028, the kept roll-up)
    expect(h.changedTables(s0, s1)).toEqual(['area_versions', 'audit', 'steps', 'units']);
    expect((await office.put('/api/settings', { ...((await office.get('/api/settings')).json() as object), stallDays: 9 })).statusCode).toBe(200);
    const s2 = await h.snapshot();
    expect(h.changedTables(s1, s2)).toEqual(['audit', 'settings']);
    expect((await office.patch(`/api/users/${patchTarget}`, { displayName: '改名' })).statusCode).toBe(200);
    const s3 = await h.snapshot();
    expect(h.changedTables(s2, s3)).toEqual(['audit', 'users']);
    expect((await t.anonymous.post('/api/auth/login', { username: viewer.user.username, password: PASSWORD })).statusCode).toBe(200);
    const s4 = await h.snapshot();
    expect(h.changedTables(s3, s4)).toEqual(['audit', 'sessions']);

    const login = routeOf('POST /api/auth/login');
    const failed = { username: 'Nobody-Here ', password: 'wrong password' };
    const audit = await h.auditMax();
    const refused = await t.anonymous.post('/api/auth/login', failed);
    expect(refused.statusCode).toBe(401);
    expect(await h.changesAfterRefusal(s4, audit, login.key, 401, failed)).toEqual([]);
    // the same row, claimed by any other route or status, is a partial write
    expect(await h.changesAfterRefusal(s4, audit, 'POST /api/units', 401, failed)).not.toEqual([]);
    expect(await h.changesAfterRefusal(s4, audit, login.key, 400, failed)).not.toEqual([]);
    expect(await h.changesAfterRefusal(s4, audit, login.key, 401, { username: 'someone-else' })).not.toEqual([]);
  });

  it('never answers 5xx, answers every refusal in the contract body, and a refusal writes nothing', async () => {
    stats.clear();
    forgetSnapshot();
    const seed = seeds();
    const request = fc.oneof(
      ...ROUTES.map((route) => fc.record({ route: fc.constant(route), id: pathIds, caller: callersFor(route), payload: bodiesFor(route, seed[route.key], realIds()) })),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ route, id, caller, payload }) => check(route, id, caller, payload)),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    report('bad input: runs by route');
    const { runs, reached, ok } = totals();
    console.log(`bad input: ${runs} runs, ${reached} (${Math.round((100 * reached) / runs)}%) reached a handler, ${ok} (${Math.round((100 * ok) / runs)}%) succeeded`);
    // most runs must get past validation, and many must succeed
    expect(reached / runs).toBeGreaterThan(0.4);
    expect(ok / runs).toBeGreaterThan(0.15);
    for (const key of Object.keys(seed)) {
      const row = stats.get(key);
      expect((row?.get('2xx') ?? 0) + (row?.get('handler') ?? 0), `${key} never reached its handler`).toBeGreaterThan(0);
    }
    await expectWhatWasStoredIsExportable();
  }, timeFor(RUNS));

  // Before names were normalised at every entry point (issue 13 item 9) this found, on every run,
  // "U615adbdb" = "Ｕ６１５ａｄｂｄｂ" = "u615adbdb" as three units.
  it('keeps look-alike codes and usernames one: no two differ only by width, case or composition (issue 13 item 9)', async () => {
    // look-alikes made here, so that the check has something to find whether or not the fuzz ran first
    const code = uniq('Lk');
    const username = uniq('lk');
    expect((await office.post('/api/units', { code, name: '县委办', kind: 'department' })).statusCode).toBe(201);
    expect((await office.post('/api/users', { username, displayName: '看', role: 'viewer', password: 'long enough 1' })).statusCode).toBe(201);
    for (const alike of lookAlikes(code)) {
      const res = await office.post('/api/units', { code: alike, name: '县委办', kind: 'department' });
      expect(res.statusCode, `${JSON.stringify(alike)}: ${res.body}`).not.toBe(201);
      expect(res.statusCode).toBeLessThan(500);
    }
    for (const alike of lookAlikes(username)) {
      const res = await office.post('/api/users', { username: alike, displayName: '看', role: 'viewer', password: 'long enough 1' });
      expect(res.statusCode, `${JSON.stringify(alike)}: ${res.body}`).not.toBe(201);
      expect(res.statusCode).toBeLessThan(500);
    }
    expect(await lookAlikeDuplicates()).toEqual([]);
  });

  it('keeps the audit log to successful writes only', async () => {
    const before = await h.auditMax();
    expect((await office.post('/api/units', { code: '' })).statusCode).toBe(400);
    expect((await office.post(`/api/units/${unitIds[0]}/events`, { type: 'nope' })).statusCode).toBe(400);
    expect(await h.auditMax()).toBe(before);
  });
});

// The scope × route matrix, walked from the access table (server/access.ts) like the role ×
// route test: two counties of 陇南市 (A 宕昌县, B 武都区) and units without a county, each with a
// unit, a step, a notice, users, a channel and audit entries. For every route, a user scoped to
// A gets the unknown id's 404 (or a list, report, export or stream without B's rows) for B's
// things; a city user (陇南市) sees both; a whole-installation user sees both and the units
// without a county. A row of the table without a case here fails the test.
//
// The cases, one a row, are in scope.matrix.cases.ts; the places, things and kinds of case they
// are built from in scope.matrix.kit.ts. This file makes its own app and things, and checks
// every row of the table: the check that each has a case and the cases themselves stay here.
import { describe, expect, it } from 'vitest';
import { ACCESS } from '../../server/access.js';
import { CASES } from './scope.matrix.cases.js';
import { useScopedWorld } from './scope.matrix.kit.js';

useScopedWorld();

describe('the scope × route matrix', () => {
  it('has a case for every row of the access table', () => {
    expect(Object.keys(ACCESS).filter((k) => !CASES[k]), 'rows without a scope case').toEqual([]);
  });

  for (const k of Object.keys(ACCESS)) {
    it(`${k} (${ACCESS[k].scope})`, async () => {
      const c = CASES[k];
      if (!c) throw new Error(`no scope case for ${k}: add one to tests/api/scope.matrix.cases.ts`);
      await c();
    });
  }
});

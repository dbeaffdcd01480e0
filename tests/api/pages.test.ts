// Every list of the API pages the same way (docs/contract/api.md: `page` from 1, `pageSize` at most 500): a
// page far past the end is an empty page or a 400 naming the field, never a 500. The lists are
// found by asking every GET route of the access table, so that a new list is held to it too.
import { describe, expect, it } from 'vitest';
import { ACCESS } from '../../server/access.js';
import { MAX_PAGE } from '../../shared/schemas/common.js';
import { errorOf, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

let t: TestApp;
let office: Agent;
let viewer: Agent;
let lists: string[];
test.beforeAll(async ({ t: testApp, office: fOffice, viewer: fViewer }) => {
  t = testApp;
  [office, viewer] = [fOffice, fViewer];
  const unitId = (await t.unit()).id;
  // the live stream never ends, and files are not lists
  const gets = Object.keys(ACCESS)
    .filter((k) => k.startsWith('GET /api/') && k !== 'GET /api/live' && !/\.(csv|xlsx)$/.test(k))
    .map((k) => k.slice(4).replace(/:[A-Za-z]+/g, unitId));
  lists = [];
  for (const url of gets) {
    const res = await office.get(`${url}?page=2&pageSize=1`);
    if (res.statusCode === 200 && 'page' in res.json()) lists.push(url);
  }
});

describe('paging every list', () => {
  it('finds the lists of the API', () => {
    expect(lists.map((u) => u.replace(/[0-9a-f-]{36}/, ':id'))).toEqual(
      expect.arrayContaining(['/api/users', '/api/units', '/api/units/:id/events', '/api/events', '/api/audit', '/api/reports/laggards']),
    );
  });

  it('answers the last page allowed, far past the end, with an empty page (as a viewer too)', async () => {
    for (const url of lists) {
      const res = await office.get(`${url}?page=${MAX_PAGE}&pageSize=500`);
      expect(res.statusCode, `${url} → ${res.body}`).toBe(200);
      expect(res.json()).toMatchObject({ items: [], page: MAX_PAGE, pageSize: 500 });
    }
    const report = await viewer.get(`/api/reports/laggards?page=${MAX_PAGE}&pageSize=500`);
    expect(report.statusCode, report.body).toBe(200);
  });

  it('a page whose skipped rows overflow 32 bits is a 400 for a viewer, not a 500 (it was, on the laggards)', async () => {
    for (const page of ['2147483648', '9007199254740991', '1e15']) {
      const res = await viewer.get(`/api/reports/laggards?page=${page}`);
      expect(res.statusCode, `page=${page} → ${res.body}`).toBe(400);
    }
  });

  it('refuses a page or page size that is no whole number in range with a 400 naming it', async () => {
    const bad = [
      String(MAX_PAGE + 1), '2147483648', '4294967296', '9007199254740993', '18446744073709551617', '1' + '0'.repeat(400),
      '1e15', '1e309', 'Infinity', '-Infinity', 'NaN', '0', '-1', '-0', '0x10', '1.5', '1.0', ' 1', '1 ', '', '+1', '１',
    ];
    for (const url of lists) {
      for (const field of ['page', 'pageSize']) {
        for (const value of bad) {
          const res = await viewer.get(`${url}?${field}=${encodeURIComponent(value)}`).then((r) => (r.statusCode === 403 ? office.get(`${url}?${field}=${encodeURIComponent(value)}`) : r));
          expect(res.statusCode, `${url}?${field}=${value} → ${res.body}`).toBe(400);
          const error = errorOf(res);
          expect(error.code).toBe('VALIDATION_FAILED');
          expect(JSON.stringify(error.details), `${url}?${field}=${value}`).toContain(`querystring.${field}`);
        }
      }
    }
  });

  it('takes a page given twice as the 400 it is', async () => {
    const res = await office.get('/api/units?page=1&page=2');
    expect(res.statusCode, res.body).toBe(400);
  });
});

// Who may read the reports and what a bad query gets; the reports’ own database connections.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorOf, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { reportsKit } from './reports.kit.js';

let t: TestApp;
let office: Agent;

test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});
reportsKit(() => ({ t, office }));

describe('who may read reports, and bad queries', () => {
  const routes = ['summary', 'laggards', 'laggards.csv', 'laggards.xlsx', 'trend', 'reasons'].map((r) => `/api/reports/${r}`);

  it('answers 401 without a session', async () => {
    for (const url of routes) {
      const res = await t.anonymous.get(url);
      expect(res.statusCode, url).toBe(401);
      expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 403 to technicians and unit contacts', async () => {
    const technician = await t.as('technician');
    const contact = await t.as('unit');
    for (const url of routes) {
      for (const agent of [technician, contact]) {
        const res = await agent.get(url);
        expect(res.statusCode, `${agent.user.role} ${url}`).toBe(403);
        expect(errorOf(res).code).toBe('FORBIDDEN');
      }
    }
  });

  it('answers 400 naming the field for a bad asOf, category, kind or page size', async () => {
    for (const url of [
      '/api/reports/summary?asOf=2026-02-30',
      '/api/reports/laggards?asOf=yesterday',
      '/api/reports/laggards.csv?asOf=2026-13-01',
      '/api/reports/laggards.xlsx?asOf=20261128',
      '/api/reports/reasons?asOf=2026-11-28T00:00:00Z',
      // a two-digit year would be read as 19xx
      '/api/reports/laggards?asOf=0050-06-01',
    ]) {
      const res = await office.get(url);
      expect(res.statusCode, url).toBe(400);
      const error = errorOf(res);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(error.details)).toContain('asOf');
    }
    for (const [url, field] of [
      ['/api/reports/laggards?category=lazy', 'category'],
      ['/api/reports/laggards?kind=village', 'kind'],
      ['/api/reports/laggards?pageSize=501', 'pageSize'],
      ['/api/reports/trend?from=someday', 'from'],
    ]) {
      const res = await office.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(JSON.stringify(errorOf(res).details)).toContain(field);
    }
  });
});

describe('the reports’ own connections', () => {
  // on PGlite there is one connection in process; on PostgreSQL the reports have a pool of their
  // own, so that a long export cannot hold up the steps technicians are writing
  it.skipIf(!process.env.TEST_DATABASE_URL)('run the reports on the reports pool', async () => {
    expect((await office.get('/api/reports/summary')).statusCode).toBe(200);
    // the connections of this database, asked from the writes' pool: nothing but a report route
    // has used the reports' pool yet (its report ran in a transaction: the last statement is its commit)
    const found = (await t.database.db.execute(sql`select application_name as name, query from pg_stat_activity
      where datname = current_database() and application_name like 'zwtracker%'`)) as unknown as { name: string; query: string }[];
    expect(found.filter((c) => c.name === 'zwtracker-reports').length, JSON.stringify(found)).toBeGreaterThan(0);
  });

  // on PGlite the reports and the writes share the one connection in process: nothing to hold apart
  it.skipIf(!process.env.TEST_DATABASE_URL)('writes answer while every report connection is busy', async () => {
    expect(t.database.reports, 'the reports have a pool of their own').not.toBe(t.database.db);
    // as many long queries as the writes' pool has connections: were they one pool, writes would wait
    let reportsDone = false;
    const slow = Promise.all([1, 2, 3, 4].map(() => t.database.reports.execute(sql`select pg_sleep(3)`))).then(() => {
      reportsDone = true;
    });
    await new Promise((r) => setTimeout(r, 100));
    const unit = await t.unit();
    expect((await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started' })).statusCode).toBe(201);
    // the write answered while the long queries still held every report connection
    expect(reportsDone, 'the write waited for the reports’ long queries').toBe(false);
    await slow;
  });
});

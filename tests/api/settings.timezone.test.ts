// A campaign time zone must be a name both JavaScript and the database resolve (issue 13): one
// only Node knows (US/Pacific-New) was accepted and then made every report a 500.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, vi } from 'vitest';
import { audit, settings } from '../../db/schema/index.js';
import { databaseKnowsZone, ensureUsableTimeZone } from '../../server/features/settings/settings.timezone.js';
import { isTimeZone } from '../../shared/schemas/settings.js';
import { errorOf, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

test.beforeAll(async ({ t, office }) => {
  // a unit with a step, so that the reports turn instants into days
  const unit = await t.unit({ wiringDue: '2026-01-01' });
  expect((await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.refused', reason: '不让进门', occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString() })).statusCode).toBe(201);
});

const base = { wiringDue: null, connectionDue: null, registrationGraceDays: 7, stallDays: 14, postponementLimit: 2 };
/** a zone Node knows and tzdata dropped in 2020b: neither PostgreSQL 15 nor PGlite has it */
const NODE_ONLY = 'US/Pacific-New';
const REPORTS = ['/api/reports/summary', '/api/reports/laggards', '/api/reports/laggards.csv', '/api/reports/laggards.xlsx', '/api/reports/trend', '/api/reports/reasons', '/api/reports/summary?asOf=2026-01-01'];
const store = (t: TestApp, timezone: string) =>
  t.database.db.insert(settings).values({ id: 1, ...base, timezone, updatedAt: new Date() }).onConflictDoUpdate({ target: settings.id, set: { timezone } });

describe('the campaign time zone', () => {
  test('the zone of the test is known to JavaScript and unknown to the database', async ({ t }) => {
    expect(isTimeZone(NODE_ONLY)).toBe(true);
    expect(await databaseKnowsZone(t.database.db, NODE_ONLY)).toBe(false);
    expect(await databaseKnowsZone(t.database.db, 'Asia/Shanghai')).toBe(true);
    // the database's list is exact: `at time zone` would take this spelling, the dashboard not
    expect(await databaseKnowsZone(t.database.db, 'asia/shanghai')).toBe(false);
  });

  test('a zone the database does not know is a 400 naming timezone, and nothing changes', async ({ t, office, viewer }) => {
    await store(t, 'Asia/Shanghai');
    const auditBefore = (await t.database.db.select().from(audit)).length;
    const res = await office.put('/api/settings', { timezone: NODE_ONLY, ...base });
    expect(res.statusCode, res.body).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([{ field: 'timezone', message: expect.stringContaining('database does not know') }]);
    expect((await office.get('/api/settings')).json().timezone).toBe('Asia/Shanghai');
    expect((await t.database.db.select().from(audit)).length).toBe(auditBefore);
    for (const url of REPORTS) expect((await viewer.get(url)).statusCode, url).toBe(200);
  });

  test('a zone with a daylight-saving change at midnight, known to both, is saved and every report answers', async ({ office, viewer }) => {
    for (const timezone of ['Africa/Cairo', 'America/Santiago', 'Asia/Beirut', 'Asia/Shanghai']) {
      const res = await office.put('/api/settings', { timezone, ...base });
      expect(res.statusCode, `${timezone}: ${res.body}`).toBe(200);
      for (const url of REPORTS) expect((await viewer.get(url)).statusCode, `${timezone} ${url}`).toBe(200);
    }
  });

  test('a stored zone the database does not know made every report a 500: the start replaces it with the same zone’s canonical name', async ({ t, office, viewer }) => {
    await store(t, NODE_ONLY);
    // what an older version let through: the class of failure this guards against
    const failing = [];
    for (const url of REPORTS) if ((await viewer.get(url)).statusCode === 500) failing.push(url);
    expect(failing.length, `reports that failed: ${failing.join(', ')}`).toBeGreaterThan(0);
    const log = { error: vi.fn() };
    expect(await ensureUsableTimeZone(t.database.db, log)).toBe('America/Los_Angeles');
    expect(log.error).toHaveBeenCalledOnce();
    expect(String(log.error.mock.calls[0][1])).toContain(NODE_ONLY);
    expect((await office.get('/api/settings')).json().timezone).toBe('America/Los_Angeles');
    const [row] = await t.database.db.select().from(audit).where(eq(audit.action, 'settings.timezone_replaced'));
    expect(row.details).toMatchObject({ before: NODE_ONLY, after: 'America/Los_Angeles', javascript: true, database: false });
    for (const url of REPORTS) expect((await viewer.get(url)).statusCode, url).toBe(200);
    // and a second start finds nothing to do
    const again = { error: vi.fn() };
    expect(await ensureUsableTimeZone(t.database.db, again)).toBe('America/Los_Angeles');
    expect(again.error).not.toHaveBeenCalled();
  });

  test('a stored zone neither side can place falls back to the default zone, loudly', async ({ t, office }) => {
    await t.database.db.execute(sql`update settings set timezone = 'Mars/Olympus' where id = 1`);
    const log = { error: vi.fn() };
    expect(await ensureUsableTimeZone(t.database.db, log)).toBe('Asia/Shanghai');
    expect(log.error).toHaveBeenCalledOnce();
    expect((await office.get('/api/settings')).json().timezone).toBe('Asia/Shanghai');
  });
});

import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, migrationsFolder } from '../../db/client.js';
import { createTestApp, errorOf, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health and readiness', () => {
  it('answers /healthz with 200 without a session', async () => {
    const res = await t.anonymous.get('/healthz');
    expect(res.statusCode).toBe(200);
  });

  it('answers /readyz with 200 while the database answers', async () => {
    const res = await t.anonymous.get('/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json().database).toBe(t.database.kind);
  });

  it('answers an unknown API route with a 404 in the contract body', async () => {
    const res = await t.anonymous.get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('NOT_FOUND');
  });

  it('has applied every migration, in order, and running them again changes nothing', async () => {
    const files = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort();
    const applied = await t.database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const rows = (applied as unknown as { rows?: { n: number }[] }).rows ?? (applied as unknown as { n: number }[]);
    expect(rows[0].n).toBe(files.length);
    await migrateDatabase(t.database, t.database.url);
    const again = await t.database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const rows2 = (again as unknown as { rows?: { n: number }[] }).rows ?? (again as unknown as { n: number }[]);
    expect(rows2[0].n).toBe(files.length);
  });

  it('serves the API description at /api/docs/json', async () => {
    const res = await t.anonymous.get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/units/{id}/events');
  });
});

import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { migrateDatabase, migrationsFolder } from '../../db/client.js';
import { errorOf } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

describe('health and readiness', () => {
  test('answers /healthz with 200 without a session', async ({ t }) => {
    const res = await t.anonymous.get('/healthz');
    expect(res.statusCode).toBe(200);
  });

  test('answers /readyz with 200 while the database answers', async ({ t }) => {
    const res = await t.anonymous.get('/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json().database).toBe(t.database.kind);
  });

  test('answers an unknown API route with a 404 in the contract body', async ({ t }) => {
    const res = await t.anonymous.get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('NOT_FOUND');
  });

  test('has applied every migration, in order, and running them again changes nothing', async ({ t }) => {
    const files = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort();
    const applied = await t.database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const rows = (applied as unknown as { rows?: { n: number }[] }).rows ?? (applied as unknown as { n: number }[]);
    expect(rows[0].n).toBe(files.length);
    await migrateDatabase(t.database, t.database.url);
    const again = await t.database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const rows2 = (again as unknown as { rows?: { n: number }[] }).rows ?? (again as unknown as { n: number }[]);
    expect(rows2[0].n).toBe(files.length);
  });

  test('serves the API description at /api/docs/json', async ({ t }) => {
    const res = await t.anonymous.get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/units/{id}/events');
  });
});

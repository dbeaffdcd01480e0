// A report's transaction (db/queries/reports/context.ts): its settings hold inside it and end with
// it. JIT is off there, set per transaction rather than as a connection parameter (a pooler such as
// PgBouncer refuses unknown startup parameters): compiling a national report took longer than
// running it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inReportTransaction } from '../../db/queries/reports/context.js';
import { rowsOf } from '../../db/rows.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

const settings = async (db: Parameters<typeof rowsOf>[0]) =>
  (await rowsOf<{ jit: string; work_mem: string }>(db, sql`select current_setting('jit') as jit, current_setting('work_mem') as work_mem`))[0]!;

describe('a report transaction', () => {
  it('runs with JIT off and 64 MB of work_mem, and leaves the connection as it was', async () => {
    const inside = await inReportTransaction(database.db, (tx) => settings(tx));
    expect(inside).toEqual({ jit: 'off', work_mem: '64MB' });
    const after = await settings(database.db);
    expect(after.work_mem).not.toBe('64MB');
  });
});

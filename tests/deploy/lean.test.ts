// What keeps the embedded server within issue 28's 300 MB and its start plain JavaScript: the
// buffer pool is the configured one, exceljs is not loaded until a workbook is, and the compiled
// server finds the migrations' SQL and names the .ts lines in a stack trace. The whole-tree
// figure itself is `npm run bench:memory` (a demo and 100 calls: too long for the suite).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildServerIfStale, SERVER_DIST } from '../../scripts/build-if-stale.mjs';
import { test } from '../helpers/fixture.js';

const embedded = !process.env.TEST_DATABASE_URL;

describe('the embedded server in little memory', () => {
  test.runIf(embedded)("keeps PGlite's shared buffers at 16 MB, not its default 128 MB (all of them resident from the start)", async ({ t }) => {
    const rows = (await t.database.db.execute(sql`select current_setting('shared_buffers') as v`)) as unknown as { rows: { v: string }[] };
    expect(rows.rows[0].v).toBe('16MB');
  });

  it('loads exceljs with the first workbook, not with the server', { timeout: 60_000 }, () => {
    buildServerIfStale();
    const probe = `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      const loaded = () => Object.keys(require.cache).some((k) => k.includes('/exceljs/'));
      await import('./server/server/app.js');
      const atStart = loaded();
      const { exceljs } = await import('./server/server/lib/excel.js');
      exceljs();
      console.log(JSON.stringify({ atStart, afterFirstWorkbook: loaded() }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: `${SERVER_DIST}/..`, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ atStart: false, afterFirstWorkbook: true });
  });

  it('runs compiled: the migrations are found from dist/, and a stack trace names the .ts line', { timeout: 60_000 }, () => {
    buildServerIfStale();
    const probe = `
      const { migrationsFolder } = await import('./server/db/client.js');
      const { readdirSync } = await import('node:fs');
      const { fail } = await import('./server/server/lib/errors.js');
      console.log(JSON.stringify({ sql: readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).length, stack: fail.notFound('unit').stack }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', probe], { cwd: `${SERVER_DIST}/..`, encoding: 'utf8' }));
    expect(out.sql).toBe(readdirSync('db/migrations').filter((f) => f.endsWith('.sql')).length);
    expect(out.stack).toMatch(/server\/lib\/errors\.ts:\d+/);
  });
});

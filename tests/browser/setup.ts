import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { buildIfStale, buildServerIfStale } from '../../scripts/build-if-stale.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** a migrated, empty PGlite data directory each server starts from a copy of ('' with PostgreSQL) */
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync('/usr/bin/chromium')) throw new Error('browser tests need Debian chromium: apt-get install -y chromium');
  buildIfStale();
  buildServerIfStale(); // the compiled server each test file starts
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgliteTemplate', '');
    return;
  }
  // Creating a PGlite data directory costs seconds (tens on a busy 2-core machine); copying a
  // migrated one costs half a second. Every file's server still migrates it again, idempotently.
  const template = mkdtempSync(join(tmpdir(), 'zw-browser-template-'));
  const database = await openDatabase({ dataDir: template });
  await migrateDatabase(database);
  await database.close();
  project.provide('pgliteTemplate', template);
  return () => rmSync(template, { recursive: true, force: true });
}

// Runs once per `npm test`: prepares a migrated database that every test file copies.
// Embedded (default): a PGlite data directory dump. With TEST_DATABASE_URL: a template
// database on that server, from which each file creates its own; all dropped at the end.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { buildServerIfStale } from '../../scripts/build-if-stale.mjs';
import { adminClient, databaseUrl } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  // once, before the workers: the files that start a server process start the compiled one
  buildServerIfStale();
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = `zw_tpl_${randomBytes(6).toString('hex')}`;
    const admin = adminClient(serverUrl);
    await admin.unsafe(`create database ${template}`);
    const database = await openDatabase({ url: databaseUrl(serverUrl, template), max: 1 });
    await migrateDatabase(database, databaseUrl(serverUrl, template));
    await database.close();
    project.provide('templateDatabase', template);
    project.provide('pgliteDump', '');
    return async () => {
      // drop the template and any test database a crashed file left behind
      const left = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`zw_t_${template.slice(7)}%`} or datname = ${template}`;
      for (const { datname } of left) await admin.unsafe(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'zw-test-'));
  const database = await openDatabase({});
  await migrateDatabase(database);
  const client = (database.db as unknown as { $client: import('@electric-sql/pglite').PGlite }).$client;
  const dump = await client.dumpDataDir('none');
  await database.close();
  const path = join(dir, 'migrated.tar');
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteDump', path);
  project.provide('templateDatabase', '');
  return () => rmSync(dir, { recursive: true, force: true });
}

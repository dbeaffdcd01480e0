// A fresh, migrated database for one test file, of the kind this run tests.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { adminClient, databaseUrl } from '../setup/postgres.js';

export interface TestDatabase extends Database {
  /** the URL of its PostgreSQL database, when the run uses a server */
  url?: string;
}

export async function freshDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const template = inject('templateDatabase');
  if (serverUrl && template) {
    const name = `zw_t_${template.slice(7)}_${randomBytes(4).toString('hex')}`;
    const admin = adminClient(serverUrl);
    await admin.unsafe(`create database ${name} template ${template}`);
    const url = databaseUrl(serverUrl, name);
    const database = await openDatabase({ url });
    return {
      ...database,
      url,
      async close() {
        await database.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dump = new Blob([readFileSync(inject('pgliteDump'))]);
  return openDatabase({ loadDataDir: dump });
}

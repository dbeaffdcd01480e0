// A pg_dump backup restored into a fresh database answers the same reports as the original.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { buildApp } from '../../server/app.js';
import { adminClient, databaseUrl } from '../setup/postgres.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { BODIES, bringTo } from '../helpers/steps.js';

const pg = process.env.TEST_DATABASE_URL;
let t: TestApp | undefined;
const dir = mkdtempSync(join(tmpdir(), 'zw-backup-'));
const restored = `zw_r_${randomBytes(5).toString('hex')}`;
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
  if (pg) {
    const admin = adminClient(pg);
    await admin.unsafe(`drop database if exists ${restored} with (force)`);
    await admin.end();
  }
});

describe.skipIf(!pg)('backup and restore', () => {
  it('scripts/backup.sh dump then restore gives the same units, steps and reports', async () => {
    t = await createTestApp();
    const office = await t.as('office');
    const a = await t.unit({ wiringDue: '2026-10-01' });
    const b = await t.unit();
    await office.post(`/api/units/${a.id}/events`, { ...BODIES['wiring.refused'], occurredAt: '2026-10-05T10:00:00+08:00' });
    await bringTo(office, b.id, 'connected');

    const urls = ['/api/reports/summary', '/api/reports/laggards', '/api/units?pageSize=500', `/api/units/${a.id}/events`, '/api/audit?pageSize=500'];
    const before = await Promise.all(urls.map(async (u) => (await office.get(u)).json()));

    const file = join(dir, 'tracker.dump');
    execFileSync('scripts/backup.sh', ['dump', t.database.url!, file]);
    const admin = adminClient(pg!);
    await admin.unsafe(`create database ${restored}`);
    await admin.end();
    execFileSync('scripts/backup.sh', ['restore', databaseUrl(pg!, restored), file]);

    const copy = await openDatabase({ url: databaseUrl(pg!, restored) });
    const app = await buildApp({ config: t.config, database: copy });
    try {
      // the session row came along with the backup: the same cookie works on the copy
      const after = await Promise.all(urls.map(async (u) => (await app.inject({ method: 'GET', url: u, headers: { cookie: office.cookie } })).json()));
      expect(after).toEqual(before);
      expect(after[1].items.length).toBeGreaterThan(0);
    } finally {
      await app.close();
      await copy.close();
    }
  });
});

// The read routing of DATABASE_READ_URL without a streaming replica: its configuration, what
// stays as it was without it, and (on PostgreSQL) a "replica" that is the primary itself or is
// not there at all. The replica proper, its lag and its loss: tests/cluster/replica.test.ts.
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { loadConfig } from '../../server/config.js';
import { freePort } from '../helpers/server-process.js';
import type { TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

const pg = process.env.TEST_DATABASE_URL;

describe('read replica configuration', () => {
  it('is refused without DATABASE_URL (the embedded database has no replica)', () => {
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://r@127.0.0.1:5433/x' })).toThrow(/DATABASE_READ_URL: a read replica needs DATABASE_URL/);
  });

  it('takes a postgres:// URL and a lag bound in seconds', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://p@127.0.0.1/x', DATABASE_READ_URL: 'postgres://r@127.0.0.1:5433/x', READ_MAX_LAG_SECONDS: '5' });
    expect(c.readReplica).toEqual({ url: 'postgres://r@127.0.0.1:5433/x', maxLagSeconds: 5 });
    expect(loadConfig({ DATABASE_URL: 'postgres://p@127.0.0.1/x', DATABASE_READ_URL: 'postgres://r@h/x' }).readReplica!.maxLagSeconds).toBe(30);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://p@h/x', DATABASE_READ_URL: 'mysql://r@h/x' })).toThrow(/DATABASE_READ_URL: must be a postgres/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://p@h/x', DATABASE_READ_URL: 'postgres://r@h/x', READ_MAX_LAG_SECONDS: 'soon' })).toThrow(/READ_MAX_LAG_SECONDS/);
    expect(loadConfig({}).readReplica).toBeUndefined();
  });
});

describe('without DATABASE_READ_URL', () => {
  let t: TestApp;
  test.beforeAll(({ t: testApp }) => {
    t = testApp;
  });

  it('reads everything where it always did, and /readyz says nothing of a replica', async () => {
    expect(t.database.readRouting).toBeUndefined();
    expect(t.database.reads).toBe(t.database.db);
    const res = await t.anonymous.get('/readyz');
    expect(Object.keys(res.json()).sort()).toEqual(['database', 'status']);
  });
});

describe.skipIf(!pg)('DATABASE_READ_URL on PostgreSQL', () => {
  let t: TestApp;
  const opened: Database[] = [];
  test.beforeAll(({ t: testApp }) => {
    t = testApp;
  });
  afterAll(async () => {
    for (const d of opened) await d.close();
  });
  const open = async (readUrl: string) => {
    const d = await openDatabase({ url: t.database.url, readUrl, readMaxLagSeconds: 5 });
    opened.push(d);
    return d;
  };

  it('reads from a server that is not replaying as from a replica with no lag', async () => {
    const d = await open(t.database.url!);
    expect(d.readRouting!.status()).toMatchObject({ to: 'replica', lagSeconds: 0, maxLagSeconds: 5 });
    const rows = await d.reports.execute(sql`select current_database() as name`);
    expect((rows as unknown as { name: string }[])[0].name).toBe(new URL(t.database.url!).pathname.slice(1));
  });

  it('answers from the primary while the replica cannot be reached, and says why', async () => {
    const d = await open(`postgres://postgres@127.0.0.1:${await freePort()}/nothing`);
    expect(d.readRouting!.status()).toMatchObject({ to: 'primary', reason: 'replica_unreachable' });
    const rows = await d.reads.execute(sql`select 1 as one`);
    expect((rows as unknown as { one: number }[])[0].one).toBe(1);
    const inTx = await d.reports.transaction(async (tx) => tx.execute(sql`select 2 as two`));
    expect((inTx as unknown as { two: number }[])[0].two).toBe(2);
  });
});

// One query layer over two databases: a PostgreSQL server when a URL is given, embedded
// PGlite (the same SQL, in-process) otherwise.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { projectRoot } from './root.js';
import * as schema from './schema/index.js';
import { guardClosedSocketWrites } from './postgres-guard.js';
import { openReadRouting, type ReadRouting } from './read-replica.js';
import { fillUsernameKeys, type UsernameCollision } from './backfill/usernames.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Queries take either, so the caller decides where a transaction starts. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  /** the reports' own connections: a long report or export never holds up a step being written */
  reports: Db;
  /** the lists and feeds that tolerate a moment's lag: on the read replica when there is one, else `db` */
  reads: Db;
  /** where the replica-routed reads go (only with a read replica) */
  readRouting?: ReadRouting;
  kind: 'postgres' | 'pglite';
  /** LISTEN on a channel; answers a function that stops listening */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const migrationsFolder = resolve(projectRoot, 'db/migrations');

export interface OpenOptions {
  url?: string;
  dataDir?: string;
  /** a PGlite data directory dump to start from (tests); skips creating one from scratch */
  loadDataDir?: Blob | File;
  /** postgres.js pool size */
  max?: number;
  /** the reports' pool size */
  reportsMax?: number;
  /** PGlite's shared_buffers in MB (16 unless given) */
  sharedBuffersMb?: number;
  /** a streaming replica for `reads` and `reports` (postgres only) */
  readUrl?: string;
  /** how far behind the replica may be before those reads go to the primary */
  readMaxLagSeconds?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    guardClosedSocketWrites();
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const pool = (max: number, name: string) => postgres(opts.url!, { max, onnotice: () => {}, connect_timeout: 10, connection: { application_name: name } });
    const client = pool(opts.max ?? 4, 'zwtracker');
    const reportsClient = pool(opts.reportsMax ?? 2, 'zwtracker-reports');
    const db = drizzle({ client: preparing(client), schema }) as unknown as Db;
    const reports = drizzle({ client: preparing(reportsClient), schema }) as unknown as Db;
    const replica = opts.readUrl ? await openReplica(opts.readUrl, opts, { client, reportsClient }) : undefined;
    return {
      db,
      reports: replica?.reports ?? reports,
      reads: replica?.reads ?? db,
      readRouting: replica?.routing,
      kind: 'postgres',
      // postgres.js keeps one dedicated connection for LISTEN and re-listens after a reconnect
      async listen(channel, onMessage) {
        const { unlisten } = await client.listen(channel, onMessage);
        return unlisten;
      },
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), reportsClient.end({ timeout: 5 }), replica?.close()]);
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  // PostgreSQL's shared buffers: PGlite's default, 128 MB, is all touched at start, so it was
  // 120 MB of the embedded server's resident memory from its first second (issue 28). A county's
  // database is tens of MB, and the pages beyond the buffers come from the operating system's
  // file cache.
  const pgliteOptions = { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${opts.sharedBuffersMb ?? 16}MB`] };
  let client;
  // one process per data folder (db/data-dir-lock.ts), held until close
  let lock: DataDirLock | undefined;
  if (opts.loadDataDir) {
    client = await PGlite.create({ ...pgliteOptions, loadDataDir: opts.loadDataDir });
  } else if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true }); // PGlite does not create parent folders
    lock = await lockDataDir(opts.dataDir);
    client = await PGlite.create(join(opts.dataDir, 'pglite'), pgliteOptions).catch(async (err: unknown) => {
      await lock?.release();
      throw err;
    });
  } else {
    client = await PGlite.create(pgliteOptions);
  }
  const db = drizzle({ client, schema }) as unknown as Db;
  return {
    db,
    // one connection in process: reports take their turn with everything else
    reports: db,
    reads: db,
    kind: 'pglite',
    async listen(channel, onMessage) {
      const stop = await client.listen(channel, onMessage);
      return () => stop();
    },
    close: async () => {
      await client.close();
      // released at once (its holder is killed here), but not waited for: waiting takes a turn of
      // the event loop, in which main.ts's 10-second stop timer, overdue after a long import had
      // held the loop, fired and made a clean stop exit 1 (tests/reliability/graceful.test.ts)
      void lock?.release();
    },
  };
}

type Sql = import('postgres').Sql;

/**
 * The replica's two pools, the same sizes as the primary's, each behind a client that sends a
 * query to the replica or, while it is down or too far behind, to the primary's pool of the
 * same role. Checked once before the first request, then every second.
 */
async function openReplica(url: string, opts: OpenOptions, primary: { client: Sql; reportsClient: Sql }) {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const pool = (max: number, name: string) => postgres(url, { max, onnotice: () => {}, connect_timeout: 5, connection: { application_name: name } });
  const readsClient = pool(opts.max ?? 4, 'zwtracker-reads');
  const reportsClient = pool(opts.reportsMax ?? 2, 'zwtracker-reports');
  const probe = (u: string) => postgres(u, { max: 1, onnotice: () => {}, connect_timeout: 2, connection: { application_name: 'zwtracker-read-check' } });
  const routing = openReadRouting({ replicaProbe: probe(url), primaryProbe: probe(opts.url!), maxLagSeconds: opts.readMaxLagSeconds ?? 30 });
  await routing.check();
  // drizzle sets its type parsers on the client it is given: the routed one hands it the
  // replica's options; the primary's pools have theirs from `db` and `reports`
  const routed = (replica: Sql, fallback: Sql) => drizzle({ client: routing.route(preparing(replica), preparing(fallback)), schema }) as unknown as Db;
  return {
    routing,
    reads: routed(readsClient, primary.client),
    reports: routed(reportsClient, primary.reportsClient),
    close: async () => {
      await Promise.all([routing.close(), readsClient.end({ timeout: 5 }), reportsClient.end({ timeout: 5 })]);
    },
  };
}

/** Statements with more parameters than this are one-off bulk shapes: not worth a cached statement. */
const PREPARE_MAX_PARAMS = 100;

/**
 * drizzle sends every query to postgres.js as unnamed (`prepare: false`, drizzle-orm#6096), so
 * postgres.js describes each one first: two round trips, two socket writes per query. Named
 * statements, cached per connection, take one. This proxy turns preparing on, in transactions too.
 */
function preparing(sql: Sql): Sql {
  return new Proxy(sql, {
    get(target, key, receiver) {
      if (key === 'unsafe') {
        return (query: string, args: unknown[] = [], options: Record<string, unknown> = {}) =>
          target.unsafe(query, args as never[], { ...options, prepare: args.length > 0 && args.length <= PREPARE_MAX_PARAMS });
      }
      if (key === 'begin' || key === 'savepoint') {
        const open = Reflect.get(target, key, receiver) as (...a: unknown[]) => unknown;
        return (...a: unknown[]) => {
          const fn = a.pop() as (tx: Sql) => unknown;
          return open.call(target, ...a, (tx: Sql) => fn(preparing(tx)));
        };
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

/**
 * Applies the migrations that have not run yet, then what SQL could not fill (the username
 * keys of 0005); safe to call at every start. Answers the look-alike usernames it disabled.
 */
export async function migrateDatabase(database: Database, url?: string): Promise<{ usernameCollisions: UsernameCollision[] }> {
  if (database.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder });
    return { usernameCollisions: await fillUsernameKeys(database.db) };
  }
  if (!url) throw new Error('migrateDatabase needs the PostgreSQL URL');
  // One connection of its own, so that the advisory lock and the migration share it:
  // two processes starting at once must not both migrate.
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(724001)`;
    const db = drizzle({ client });
    await migrate(db, { migrationsFolder });
    const usernameCollisions = await fillUsernameKeys(db);
    await client`select pg_advisory_unlock(724001)`;
    return { usernameCollisions };
  } finally {
    await client.end({ timeout: 5 });
  }
}

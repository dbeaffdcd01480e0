// Starts the tracker: configuration, database and migrations, first user, then listen.
// Closes cleanly on SIGTERM/SIGINT: requests in flight finish, then the database closes.
import { migrateDatabase, openDatabase } from '../db/client.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { buildApp } from './app.js';
import { ensureFirstUser } from './bootstrap.js';
import { loadConfig } from './config.js';
import { ensureUsableTimeZone } from './features/settings/settings.timezone.js';
import { loggerOptions } from './logger.js';

const config = loadConfig();
const database = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.dataDir,
  max: config.databasePoolSize,
  reportsMax: config.reportsPoolSize,
  sharedBuffersMb: config.pgliteSharedBuffersMb,
  readUrl: config.readReplica?.url,
  readMaxLagSeconds: config.readReplica?.maxLagSeconds,
}).catch((err: unknown) => {
  // a second tracker on one data folder: the message alone, and a non-zero exit
  if (err instanceof DataDirLockedError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
});
const { usernameCollisions } = await migrateDatabase(database, config.databaseUrl);
const app = await buildApp({ config, database, logger: loggerOptions(config.logLevel) });
for (const c of usernameCollisions) {
  app.log.warn({ userId: c.id, keptUserId: c.keptId }, `username "${c.username}" looks like an older account's: that user is disabled (see the audit log)`);
}
await ensureFirstUser(database.db, config, app.log);
await ensureUsableTimeZone(database.db, app.log);

let closing = false;
const stop = async (signal: string) => {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'closing');
  const force = setTimeout(() => process.exit(1), 10_000).unref();
  let code = 0;
  try {
    await app.close();
    await database.close();
    app.log.info('closed');
  } catch (err) {
    app.log.error({ err }, 'could not close cleanly');
    code = 1;
  } finally {
    clearTimeout(force);
    process.exit(code);
  }
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

await app.listen({ port: config.port, host: config.host });
const where = database.kind === 'postgres' ? 'PostgreSQL' : `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
app.log.info(`tracker on http://${config.host}:${config.port} using ${where}`);

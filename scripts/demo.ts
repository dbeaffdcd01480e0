// Fills an EMPTY database with a demonstration campaign in 陇南市 (6212): 宕昌县 (the 25 real
// townships and 42 departments, every kind of laggard), 武都区 (lagging far behind) and 成县
// (ahead, with its own connection deadline), accounts scoped to the whole installation, the
// city and each county, and two months of steps ending today. What it holds: scripts/demo/.
// Uses the server's configuration (DATABASE_URL or DATA_DIR).
//   npm run demo
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { count } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { units, users } from '../db/schema/index.js';
import { loadConfig } from '../server/config.js';
import { hashPassword } from '../server/lib/password.js';
import { PASSWORD } from './demo/counties.js';
import { seedDemo, type DemoSummary } from './demo/seed.js';

const ROLE = { office: 'office    ', viewer: 'viewer    ', technician: 'technician' } as const;

/** What the demo holds and who logs in as whom, printed once at the end. */
export function describe(s: DemoSummary, bootstrapped: boolean): string {
  const line = '='.repeat(72);
  const out = [line, '  陇南市 demo loaded: steps of the last 60 days in three counties.'];
  for (const c of s.counties) {
    out.push(`    ${c.name} ${c.code}: ${c.townships} townships, ${c.departments} departments${c.ownConnectionDue ? `; its own connection deadline ${c.ownConnectionDue}` : ''}`);
  }
  out.push(`  Urging notices (催办) in 宕昌县: ${s.notices.issued} issued, ${s.notices.answered} answered, ${s.notices.withdrawn} withdrawn, the rest open or overdue.`);
  out.push(`  Every account below has the password:  ${PASSWORD}`);
  for (const l of s.logins) {
    const role = l.role as keyof typeof ROLE;
    out.push(`    ${ROLE[role] ?? l.role}  ${l.username.padEnd(9)} sees ${l.scope ? `${l.scopeName} (${l.scope})` : 'the whole installation'}`);
  }
  out.push(`    unit contacts         ${s.unitContacts.slice(0, 3).join(', ')} … (${s.unitContacts.length} in all: u + unit code), each its own unit`);
  if (bootstrapped) out.push('  (no bootstrap admin was created: log in as zfb01)');
  out.push(line);
  return out.join('\n');
}

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database, config.databaseUrl);
    const { db } = database;
    const [{ n }] = await db.select({ n: count() }).from(units);
    if (n > 0) {
      console.error(`The database already holds ${n} units: the demo fills only an empty database. Nothing was changed.`);
      process.exitCode = 1;
      return;
    }
    const [{ n: people }] = await db.select({ n: count() }).from(users);
    const summary = await seedDemo(db, await hashPassword(PASSWORD, config.passwordCost));
    console.log(`\n${describe(summary, people === 0)}`);
  } finally {
    await database.close();
  }
}

// run as a script (npm run demo), not when a test imports describe()
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();

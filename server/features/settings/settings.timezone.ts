// The campaign's time zone is read by two clocks: JavaScript's (the pure rules, the dashboard,
// the files) and the database's (the reports' SQL turns instants into days with `at time zone`).
// Their zone lists differ by version: Node 20 still knows US/Pacific-New, which tzdata dropped in
// 2020, and an older PostgreSQL lacks newer names (America/Ciudad_Juarez, 2022). A name only one
// side knows would be accepted and then make every report a 500, so a name must resolve on both: when
// it is saved, and for the one already stored, at every start.
import type { FastifyBaseLogger } from 'fastify';
import type { DbOrTx } from '../../../db/client.js';
import { appendAudit } from '../../../db/queries/audit.js';
import { databaseHasZone, readSettings, writeTimeZone } from '../../../db/queries/settings.js';
import { DEFAULT_SETTINGS, isTimeZone } from '../../../shared/schemas/settings.js';

/** Names the database has resolved: a zone a running server knows stays known (~150 ms a look-up on PostgreSQL). */
const known = new WeakMap<object, Set<string>>();

/** Whether the database resolves `name` exactly as spelled (its list is case-exact; `at time zone` is not). */
export async function databaseKnowsZone(db: DbOrTx, name: string): Promise<boolean> {
  const seen = known.get(db) ?? new Set<string>();
  known.set(db, seen);
  if (seen.has(name)) return true;
  const ok = await databaseHasZone(db, name);
  if (ok) seen.add(name);
  return ok;
}

/** Whether both sides resolve the zone. */
export const usableZone = async (db: DbOrTx, name: string) => isTimeZone(name) && (await databaseKnowsZone(db, name));

export const ZONE_UNKNOWN_TO_DATABASE = 'a time zone the database does not know (its time zone list is older or newer than the server’s); choose another name for the same zone, such as Asia/Shanghai';

/** The start-up repair is done by no user. */
const NOBODY = { id: null, username: null, role: null, ip: null };

/**
 * At start: the stored zone must be usable, or every report fails. The tracker does not refuse
 * to start over it (an office could then not log in to choose another), and does not carry on
 * with reports that fail: it replaces the zone with the same zone's canonical name when both
 * sides know that (US/Pacific-New → America/Los_Angeles: the same rules), else the default
 * zone, records that in the audit log (the old name is kept there) and logs an error that says
 * what to check. Answers the zone the settings now hold.
 */
export async function ensureUsableTimeZone(db: DbOrTx, log: Pick<FastifyBaseLogger, 'error'>): Promise<string> {
  const stored = (await readSettings(db)).timezone;
  if (await usableZone(db, stored)) return stored;
  let canonical: string | undefined;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: stored }).resolvedOptions().timeZone;
  } catch {
    canonical = undefined;
  }
  const replacement = canonical && canonical !== stored && (await usableZone(db, canonical)) ? canonical : DEFAULT_SETTINGS.timezone;
  await db.transaction(async (tx) => {
    await writeTimeZone(tx, replacement);
    const details = { before: stored, after: replacement, javascript: isTimeZone(stored), database: await databaseKnowsZone(tx, stored) };
    await appendAudit(tx, NOBODY, { action: 'settings.timezone_replaced', target: 'settings', details });
  });
  log.error(
    { before: stored, after: replacement },
    `the stored time zone "${stored}" is not one both JavaScript and the database resolve, so every report would fail: it was replaced by "${replacement}" (recorded in the audit log). An office user should check it under settings (设置).`,
  );
  return replacement;
}

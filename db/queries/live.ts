// What the live views need of the database: a step announced with NOTIFY inside its write's
// transaction (heard only once committed), and where a heard step's unit is.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { rowsOf } from '../rows.js';

/** NOTIFY on `channel`: listeners hear it at commit, never on rollback. */
export async function notifyChannel(tx: DbOrTx, channel: string, payload: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${channel}, ${payload})`);
}

/** The county a unit sits in: null for none, undefined for no such unit. */
export async function unitCounty(db: DbOrTx, unitId: string): Promise<string | null | undefined> {
  const [row] = await rowsOf<{ area_code: string | null }>(db, sql`select area_code from units where id = ${unitId}::uuid`);
  return row ? row.area_code : undefined;
}

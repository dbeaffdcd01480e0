// The readiness probe's question to a pool: does the database answer at all.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';

export async function ping(db: DbOrTx): Promise<void> {
  await db.execute(sql`select 1`);
}

// Login throttling's reads: failed attempts are audit rows, counted per username (only since its
// last success) and per address, each decided under its own lock.
import { and, desc, eq, gt, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { audit } from '../schema/index.js';

/** The times of the newest `limit` failed logins since `windowStart`, newest first. */
export async function recentFailures(db: DbOrTx, by: 'target' | 'ip', value: string, windowStart: Date, limit: number): Promise<Date[]> {
  const column = by === 'target' ? audit.target : audit.ip;
  const lastSuccess =
    by === 'target' ? db.select({ at: max(audit.at) }).from(audit).where(and(eq(audit.action, 'auth.login'), eq(audit.target, value))) : undefined;
  const rows = await db
    .select({ at: audit.at })
    .from(audit)
    .where(
      and(
        eq(audit.action, 'auth.login_failed'),
        eq(column, value),
        gt(audit.at, windowStart),
        lastSuccess ? sql`${audit.at} > coalesce((${lastSuccess}), '-infinity'::timestamptz)` : undefined,
      ),
    )
    .orderBy(desc(audit.at))
    .limit(limit);
  return rows.map((r) => r.at);
}

/** One decision at a time per username and per address, in every process (advisory lock keys 1, 2). */
export async function lockLoginDecision(tx: DbOrTx, key: string, ip: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(1, hashtext(${key}))`);
  await tx.execute(sql`select pg_advisory_xact_lock(2, hashtext(${ip}))`);
}

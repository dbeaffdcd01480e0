// The part of migration 0005 that SQL cannot do: each user's username key, made by the same
// JavaScript as at login (shared/domain/usernames.ts). Runs after the migrations at every start;
// once every row has its key it is one query that finds nothing.
//
// Names that were different accounts under the old rule (lower() in PostgreSQL) but are one key
// now — `admin` and `ａｄｍｉｎ`, `ΟΔΥΣΣΕΥΣ` and `οδυσσευς` — are look-alikes: the oldest account
// keeps the name; each later one keeps its row and history but is disabled, with a key nobody can
// type, and an audit row `user.username_collision` tells the office (docs/security.md).
import { asc, eq, like, notLike, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { usernameDisplay, usernameKey } from '../../shared/domain/usernames.js';
import { appendAudit } from '../queries/audit.js';
import { users } from '../schema/index.js';

const PENDING_KEY = '#pending#';
export const LOOKALIKE_KEY = '#lookalike#';

export interface UsernameCollision {
  id: string;
  username: string;
  /** the older account that kept the name */
  keptId: string;
  key: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = PgDatabase<PgQueryResultHKT, any>;

export async function fillUsernameKeys(db: AnyDb): Promise<UsernameCollision[]> {
  return db.transaction(async (tx) => {
    const pending = await tx
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(like(users.usernameKey, `${PENDING_KEY}%`))
      .orderBy(asc(users.createdAt), asc(users.id))
      .for('update');
    if (pending.length === 0) return [];
    const owner = new Map<string, string>();
    for (const row of await tx.select({ id: users.id, key: users.usernameKey }).from(users).where(notLike(users.usernameKey, '#%'))) {
      owner.set(row.key, row.id);
    }
    const collisions: UsernameCollision[] = [];
    const keyed: { id: string; key: string; username: string }[] = [];
    for (const row of pending) {
      const key = usernameKey(row.username);
      const keptId = owner.get(key);
      if (keptId) collisions.push({ id: row.id, username: row.username, keptId, key });
      else {
        owner.set(key, row.id);
        keyed.push({ id: row.id, key, username: usernameDisplay(row.username) });
      }
    }
    // in chunks: one statement per 1,000 users, not one per user
    for (let i = 0; i < keyed.length; i += 1000) {
      const rows = sql.join(
        keyed.slice(i, i + 1000).map((r) => sql`(${r.id}::uuid, ${r.key}, ${r.username})`),
        sql`, `,
      );
      await tx.execute(sql`update users set username_key = v.key, username = v.username from (values ${rows}) as v(id, key, username) where users.id = v.id`);
    }
    for (const c of collisions) {
      await tx
        .update(users)
        .set({ usernameKey: `${LOOKALIKE_KEY}${c.id}`, disabled: true, credentialVersion: sql`${users.credentialVersion} + 1`, updatedAt: new Date() })
        .where(eq(users.id, c.id));
      await appendAudit(tx, { id: null, username: null, role: null, ip: null }, { action: 'user.username_collision', target: c.id, details: { username: c.username, key: c.key, keptUserId: c.keptId, disabled: true } });
    }
    return collisions;
  });
}

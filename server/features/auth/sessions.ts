// Sessions in the database: the cookie holds a random token, the table only its hash.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { sessions, users } from '../../../db/schema/index.js';
import type { SessionUser } from '../../../shared/schemas/auth.js';

export const SESSION_COOKIE = 'zw_session';
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

export interface CurrentUser extends SessionUser {
  sessionId: string;
}

export function createSessionsRepository({ db, policy }: { db: DbOrTx; policy: SessionPolicy }) {
  // Every authenticated request runs this: built once, a named statement on each connection.
  const liveSession = db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      unitId: users.unitId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder('id')),
        gt(sessions.expiresAt, sql.placeholder('now')),
        gt(sessions.lastSeenAt, sql.placeholder('idleSince')),
        eq(users.disabled, false),
      ),
    )
    .limit(1)
    .prepare('live_session');

  // placeholders skip the column's encoder: times go as ISO text
  const lookup = async (id: string, now: number) =>
    (await liveSession.execute({ id, now: new Date(now).toISOString(), idleSince: new Date(now - policy.idleMs).toISOString() }))[0];

  return {
    /** Whether a token's session is still live, without counting this as use (open streams ask). */
    async isLive(token: string): Promise<boolean> {
      return (await lookup(hash(token), Date.now())) !== undefined;
    },

    async create(userId: string): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      await db.insert(sessions).values({ id: hash(token), userId, expiresAt: new Date(Date.now() + policy.maxMs) });
      return token;
    },

    /** The user behind a live token, or null; refreshes the idle clock at most once a minute. */
    async resolve(token: string): Promise<CurrentUser | null> {
      const id = hash(token);
      const now = Date.now();
      const row = await lookup(id, now);
      if (!row) return null;
      if (now - row.lastSeenAt.getTime() > 60_000) {
        await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
      }
      const { lastSeenAt: _seen, ...user } = row;
      return user;
    },

    async end(token: string, tx: DbOrTx = db): Promise<void> {
      await tx.delete(sessions).where(eq(sessions.id, hash(token)));
    },

    async endAllOf(userId: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.userId, userId));
    },

    /** Drops expired rows; called now and then so the table does not grow forever. */
    async sweep(): Promise<void> {
      await db
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, new Date()), lt(sessions.lastSeenAt, sql`now() - ${`${policy.idleMs} milliseconds`}::interval`)));
    },
  };
}
export type SessionsRepository = ReturnType<typeof createSessionsRepository>;

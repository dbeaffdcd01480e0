// Sessions in the database: the cookie holds a random token, the table only its hash. A session
// lives only while the user's credential version is the one it was made under (and the user is
// enabled): a new password, role or unit bumps the version, which ends every older session at
// once, also one that a login still in progress creates after the change.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { sessions, users } from '../schema/index.js';
import type { SessionUser } from '../../shared/schemas/auth.js';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

export interface CurrentUser extends SessionUser {
  sessionId: string;
  credentialVersion: number;
}

/** Told to every process when a user's sessions end, so that its open live streams end at once. */
export const SESSIONS_ENDED_CHANNEL = 'zw_sessions_ended';

/** The live session by its hashed id, with its user: every authenticated request runs it. */
function prepareLiveSession(db: DbOrTx) {
  // built once, a named statement on each connection
  return db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      unitId: users.unitId,
      scope: users.scope,
      credentialVersion: users.credentialVersion,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.id, sessions.userId), eq(users.credentialVersion, sessions.credentialVersion)))
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
}

/**
 * Ends every session of a user, in the caller's transaction: bumps its credential version (so a
 * session a login creates later, under the old credentials, is dead too), deletes the rows and
 * tells every process's live streams. `keep` carries one session (the caller's own, after
 * changing its own password) over to the new version. Answers the new version.
 */
async function endAllSessionsOf(tx: DbOrTx, userId: string, keep?: string): Promise<number> {
  const [row] = await tx
    .update(users)
    .set({ credentialVersion: sql`${users.credentialVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ version: users.credentialVersion });
  if (keep) {
    await tx.update(sessions).set({ credentialVersion: row.version }).where(and(eq(sessions.id, keep), eq(sessions.userId, userId)));
    await tx.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keep)));
  } else {
    await tx.delete(sessions).where(eq(sessions.userId, userId));
  }
  await tx.execute(sql`select pg_notify(${SESSIONS_ENDED_CHANNEL}, ${JSON.stringify({ userId, keep: keep ?? null })})`);
  return row.version;
}

export function createSessionsRepository({ db, policy }: { db: DbOrTx; policy: SessionPolicy }) {
  const liveSession = prepareLiveSession(db);

  // placeholders skip the column's encoder: times go as ISO text
  const lookup = async (id: string, now: number) =>
    (await liveSession.execute({ id, now: new Date(now).toISOString(), idleSince: new Date(now - policy.idleMs).toISOString() }))[0];

  return {
    /** Whether a token's session is still live, without counting this as use (open streams ask). */
    async isLive(token: string): Promise<boolean> {
      return (await lookup(hash(token), Date.now())) !== undefined;
    },

    /**
     * A new session under the credential version the password was checked against (login
     * passes the one it read with the hash); without one, under the user's version now.
     */
    async create(userId: string, credentialVersion?: number): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      const version = credentialVersion ?? sql`(select ${users.credentialVersion} from ${users} where ${users.id} = ${userId})`;
      await db.insert(sessions).values({ id: hash(token), userId, credentialVersion: version, expiresAt: new Date(Date.now() + policy.maxMs) });
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

    /** Every session of the user ends (see endAllSessionsOf); answers the new credential version. */
    endAllOf(userId: string, tx: DbOrTx = db, keep?: string): Promise<number> {
      return endAllSessionsOf(tx, userId, keep);
    },

    /**
     * Drops the rows of ended sessions: expired, idle too long, or made under an older
     * credential version. Run on a timer (server/plugins/auth.ts) so the table does not grow forever.
     */
    async sweep(): Promise<number> {
      const idleSince = new Date(Date.now() - policy.idleMs);
      const stale = db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, sessions.userId), or(ne(users.credentialVersion, sessions.credentialVersion), eq(users.disabled, true))));
      const gone = await db
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, new Date()), lt(sessions.lastSeenAt, idleSince), sql`exists (${stale})`))
        .returning({ id: sessions.id });
      return gone.length;
    },
  };
}
export type SessionsRepository = ReturnType<typeof createSessionsRepository>;

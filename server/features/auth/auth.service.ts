// Logging in, out and changing one's own password, below HTTP: the throttle (failures per
// username since its last success, and per address, decided under a lock each so that guesses
// sent in parallel are counted one after another) and the session made under the credentials
// checked. The routes carry cookies and status codes only.
import type { Db, DbOrTx } from '../../../db/client.js';
import { audit } from '../../../db/schema/index.js';
import type { SessionUser } from '../../../shared/schemas/auth.js';
import { usernameKey } from '../../../shared/domain/usernames.js';
import type { Config } from '../../config.js';
import { fail } from '../../lib/errors.js';
import { hashPassword, verifyPassword } from '../../lib/password.js';
import { findUser } from '../users/users.repository.js';
import { findUserByKey, lockLoginDecision, recentFailures, setPasswordIfUnchanged } from './auth.repository.js';
import type { CurrentUser, SessionsRepository } from './sessions.js';

export interface AuthDeps {
  db: Db;
  config: Config;
  sessions: SessionsRepository;
}

type Who = { id: string; username: string; role: string } | null;

/** An audit row of an attempt: who (null before a login succeeds) and from where. */
async function note(db: DbOrTx, ip: string, who: Who, action: string, target: string | null, details: unknown = null) {
  await db.insert(audit).values({ actorId: who?.id ?? null, actorUsername: who?.username ?? null, actorRole: who?.role ?? null, action, target, ip, details });
}

// details.retryAfter and the Retry-After header carry the wait (plugins/errors.ts)
const tooMany = (seconds: number) => {
  const minutes = Math.ceil(seconds / 60);
  return fail.rateLimited(`too many failed logins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, seconds);
};

export function createAuthService({ db, config, sessions }: AuthDeps) {
  // compared against when the username is unknown, so both answers take as long
  const decoy = hashPassword('decoy password', config.passwordCost);

  /**
   * When the failures counted against a username (only those since its last success) or an
   * address drop below the limit again: the moment the limit-th newest failure leaves the window.
   * Undefined when they are below it now.
   */
  async function blockedUntil(db: DbOrTx, by: 'target' | 'ip', value: string): Promise<number | undefined> {
    const limit = by === 'target' ? config.login.maxPerUser : config.login.maxPerIp;
    const times = await recentFailures(db, by, value, new Date(Date.now() - config.login.windowMs), limit);
    return times.length < limit ? undefined : times[limit - 1].getTime() + config.login.windowMs;
  }

  /** Seconds to wait before trying again (at least 1), or 0 when not throttled. */
  const throttled = async (db: DbOrTx, key: string, ip: string) => {
    const until = Math.max(...(await Promise.all([blockedUntil(db, 'target', key), blockedUntil(db, 'ip', ip)])).map((t) => t ?? 0));
    return until ? Math.max(1, Math.ceil((until - Date.now()) / 1000)) : 0;
  };

  /** A wrong password, counted against the name and the address under their locks (as at login). */
  async function decideFailure(ip: string, key: string, reason: string): Promise<number> {
    return db.transaction(async (tx) => {
      await lockLoginDecision(tx, key, ip);
      const wait = await throttled(tx, key, ip);
      if (wait) await note(tx, ip, null, 'auth.login_throttled', key);
      else await note(tx, ip, null, 'auth.login_failed', key, { reason });
      return wait;
    });
  }

  return {
    /** The user and a new session's token; `previousToken`, a session the client still carried, ends. */
    async login(input: { username: string; password: string; ip: string; previousToken: string | null }): Promise<{ user: SessionUser; token: string }> {
      const { ip } = input;
      // counted, looked up and audited by its key: ADMIN, ａｄｍｉｎ and admin share one throttle
      const username = usernameKey(input.username);
      // a cheap refusal first, so a throttled guess costs no password hash
      const early = await throttled(db, username, ip);
      if (early) {
        await note(db, ip, null, 'auth.login_throttled', username);
        throw tooMany(early);
      }
      // read once: the session is made under the credential version of the hash checked here
      const user = await findUserByKey(db, username);
      const ok = user ? await verifyPassword(input.password, user.passwordHash) : (await verifyPassword(input.password, await decoy), false);
      // The decision, under a lock per username and per address (in every process): guesses sent
      // in parallel are counted one after another, so no more than the limit get an answer.
      const outcome = await db.transaction(async (tx) => {
        await lockLoginDecision(tx, username, ip);
        const wait = await throttled(tx, username, ip);
        if (wait) {
          await note(tx, ip, null, 'auth.login_throttled', username);
          return wait;
        }
        if (!user || !ok || user.disabled) {
          await note(tx, ip, null, 'auth.login_failed', username, { reason: user?.disabled && ok ? 'disabled' : 'credentials' });
          return 'failed';
        }
        await note(tx, ip, user, 'auth.login', username);
        return 'ok';
      });
      if (typeof outcome === 'number') throw tooMany(outcome);
      if (outcome === 'failed' || !user) throw fail.unauthenticated('wrong username or password');
      // a fresh session id at every login: a planted cookie cannot be carried into a session
      if (input.previousToken) await sessions.end(input.previousToken);
      // a password reset, new role or disabling since the read above bumped the version: this
      // session is then dead from its first request
      const token = await sessions.create(user.id, user.credentialVersion);
      return { user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, unitId: user.unitId, scope: user.scope }, token };
    },

    /** One's own password, checked against the current one; one's other sessions end. */
    async changePassword(me: CurrentUser, ip: string, body: { currentPassword: string; newPassword: string }): Promise<void> {
      const { currentPassword, newPassword } = body;
      const key = usernameKey(me.username);
      // guessing the current password through a stolen session is throttled as guessing at login
      const early = await throttled(db, key, ip);
      if (early) throw tooMany(early);
      const row = (await findUser(db, me.id))!;
      if (!(await verifyPassword(currentPassword, row.passwordHash))) {
        const wait = await decideFailure(ip, key, 'password_change');
        if (wait) throw tooMany(wait);
        throw fail.validation('the current password is not right', [{ field: 'currentPassword', message: 'is not your current password' }]);
      }
      if (currentPassword === newPassword) {
        throw fail.validation('the new password is the current one', [{ field: 'newPassword', message: 'must differ from the current password' }]);
      }
      const passwordHash = await hashPassword(newPassword, config.passwordCost);
      const changed = await db.transaction(async (tx) => {
        // only over the credentials checked above: a reset by the office since then wins
        if (!(await setPasswordIfUnchanged(tx, me.id, passwordHash, row.credentialVersion))) return false;
        await sessions.endAllOf(me.id, tx, me.sessionId);
        await note(tx, ip, me, 'user.password_change', me.id, { otherSessionsEnded: true });
        return true;
      });
      if (!changed) throw fail.unauthenticated('your session ended: log in again');
    },

    /** The session ends with its audit row, or not at all. */
    async logout(token: string, me: CurrentUser | null, ip: string): Promise<void> {
      await db.transaction(async (tx) => {
        await sessions.end(token, tx);
        if (me) await note(tx, ip, me, 'auth.logout', me.username);
      });
    },
  };
}

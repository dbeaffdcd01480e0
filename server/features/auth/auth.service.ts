// Logging in, out and changing one's own password, below HTTP: the throttle (failures per
// username since its last success, and per address, decided under a lock each so that guesses
// sent in parallel are counted one after another) and the session made under the credentials
// checked. The routes carry cookies and status codes only.
import type { Db, DbOrTx } from '../../../db/client.js';
import { appendAudit, type AuditActor } from '../../../db/queries/audit.js';
import { lockLoginDecision, recentFailures } from '../../../db/queries/logins.js';
import type { SessionsRepository } from '../../../db/queries/sessions.js';
import { findUser, findUserByKey, setPasswordIfUnchanged } from '../../../db/queries/users.js';
import type { SessionUser } from '../../../shared/schemas/auth.js';
import { usernameKey } from '../../../shared/domain/usernames.js';
import type { Config } from '../../config.js';
import type { Actor } from '../../lib/actor.js';
import { fail } from '../../lib/errors.js';
import { hashPassword, verifyPassword } from '../../lib/password.js';

export interface AuthDeps {
  db: Db;
  config: Pick<Config, 'login' | 'passwordCost'>;
  sessions: Pick<SessionsRepository, 'create' | 'end' | 'endAllOf'>;
}

/** Nobody yet (an attempt before a login succeeds), from this address. */
const anonymous = (ip: string): AuditActor => ({ id: null, username: null, role: null, ip });

// details.retryAfter and the Retry-After header carry the wait (plugins/errors.ts)
const tooMany = (seconds: number) => {
  const minutes = Math.ceil(seconds / 60);
  return fail.rateLimited(`too many failed logins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, seconds);
};

const decoys = new Map<number, Promise<string>>();
/**
 * The hash compared against when the username is unknown, so both answers take as long: made
 * once per cost (the routes ask for it when they are registered, before the first login).
 */
export function decoyHash(cost: number): Promise<string> {
  let decoy = decoys.get(cost);
  if (!decoy) decoys.set(cost, (decoy = hashPassword('decoy password', cost)));
  return decoy;
}

/**
 * When the failures counted against a username (only those since its last success) or an
 * address drop below the limit again: the moment the limit-th newest failure leaves the window.
 * Undefined when they are below it now.
 */
async function blockedUntil(db: DbOrTx, login: Config['login'], by: 'target' | 'ip', value: string): Promise<number | undefined> {
  const limit = by === 'target' ? login.maxPerUser : login.maxPerIp;
  const times = await recentFailures(db, by, value, new Date(Date.now() - login.windowMs), limit);
  return times.length < limit ? undefined : times[limit - 1].getTime() + login.windowMs;
}

/** Seconds to wait before trying again (at least 1), or 0 when not throttled. */
async function throttled(db: DbOrTx, login: Config['login'], key: string, ip: string): Promise<number> {
  const until = Math.max(...(await Promise.all([blockedUntil(db, login, 'target', key), blockedUntil(db, login, 'ip', ip)])).map((t) => t ?? 0));
  return until ? Math.max(1, Math.ceil((until - Date.now()) / 1000)) : 0;
}

/** A wrong current password, counted against the name and the address under their locks (as at login). */
async function decideFailure({ db, config }: AuthDeps, ip: string, key: string, reason: string): Promise<number> {
  return db.transaction(async (tx) => {
    await lockLoginDecision(tx, key, ip);
    const wait = await throttled(tx, config.login, key, ip);
    if (wait) await appendAudit(tx, anonymous(ip), { action: 'auth.login_throttled', target: key });
    else await appendAudit(tx, anonymous(ip), { action: 'auth.login_failed', target: key, details: { reason } });
    return wait;
  });
}

/** The user and a new session's token; `previousToken`, a session the client still carried, ends. */
export async function login(
  deps: AuthDeps,
  input: { username: string; password: string; ip: string; previousToken: string | null },
): Promise<{ user: SessionUser; token: string }> {
  const { db, config, sessions } = deps;
  const { ip } = input;
  // counted, looked up and audited by its key: ADMIN, ａｄｍｉｎ and admin share one throttle
  const username = usernameKey(input.username);
  // a cheap refusal first, so a throttled guess costs no password hash
  const early = await throttled(db, config.login, username, ip);
  if (early) {
    await appendAudit(db, anonymous(ip), { action: 'auth.login_throttled', target: username });
    throw tooMany(early);
  }
  // read once: the session is made under the credential version of the hash checked here
  const user = await findUserByKey(db, username);
  const ok = user ? await verifyPassword(input.password, user.passwordHash) : (await verifyPassword(input.password, await decoyHash(config.passwordCost)), false);
  // The decision, under a lock per username and per address (in every process): guesses sent
  // in parallel are counted one after another, so no more than the limit get an answer.
  const outcome = await db.transaction(async (tx) => {
    await lockLoginDecision(tx, username, ip);
    const wait = await throttled(tx, config.login, username, ip);
    if (wait) {
      await appendAudit(tx, anonymous(ip), { action: 'auth.login_throttled', target: username });
      return wait;
    }
    if (!user || !ok || user.disabled) {
      const reason = user?.disabled && ok ? 'disabled' : 'credentials';
      await appendAudit(tx, anonymous(ip), { action: 'auth.login_failed', target: username, details: { reason } });
      return 'failed';
    }
    await appendAudit(tx, { id: user.id, username: user.username, role: user.role, ip }, { action: 'auth.login', target: username });
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
}

/** One's own password, checked against the current one; one's other sessions (all but `sessionId`) end. */
export async function changePassword(
  deps: AuthDeps,
  me: Actor,
  input: { currentPassword: string; newPassword: string; sessionId: string },
): Promise<void> {
  const { db, config, sessions } = deps;
  const { currentPassword, newPassword } = input;
  const key = usernameKey(me.username);
  // guessing the current password through a stolen session is throttled as guessing at login
  const early = await throttled(db, config.login, key, me.ip);
  if (early) throw tooMany(early);
  const row = (await findUser(db, me.id))!;
  if (!(await verifyPassword(currentPassword, row.passwordHash))) {
    const wait = await decideFailure(deps, me.ip, key, 'password_change');
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
    await sessions.endAllOf(me.id, tx, input.sessionId);
    await appendAudit(tx, me, { action: 'user.password_change', target: me.id, details: { otherSessionsEnded: true } });
    return true;
  });
  if (!changed) throw fail.unauthenticated('your session ended: log in again');
}

/** The session ends with its audit row (when it was a live one, `me`), or not at all. */
export async function logout({ db, sessions }: AuthDeps, token: string, me: AuditActor | null): Promise<void> {
  await db.transaction(async (tx) => {
    await sessions.end(token, tx);
    if (me) await appendAudit(tx, me, { action: 'auth.logout', target: me.username });
  });
}

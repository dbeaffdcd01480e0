import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../../db/client.js';
import { ChangePasswordBody, LoginBody, MeResponse } from '../../../shared/schemas/auth.js';
import { usernameKey } from '../../../shared/domain/usernames.js';
import { recordAudit } from '../../lib/audit.js';
import { fail } from '../../lib/errors.js';
import { hashPassword, verifyPassword } from '../../lib/password.js';
import { findUser } from '../users/users.repository.js';
import { SESSION_COOKIE } from './sessions.js';
import { findUserByKey, lockLoginDecision, recentFailures, setPasswordIfUnchanged } from './auth.repository.js';
import { clientIp } from '../../lib/ip.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const { config } = app;
  // compared against when the username is unknown, so both answers take as long
  const decoy = hashPassword('decoy password', config.passwordCost);

  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure };

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
  // details.retryAfter and the Retry-After header carry the wait (plugins/errors.ts)
  const tooMany = (seconds: number) => {
    const minutes = Math.ceil(seconds / 60);
    return fail.rateLimited(`too many failed logins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, seconds);
  };

  /** A wrong password, counted against the name and the address under their locks (as at login). */
  async function decideFailure(req: FastifyRequest, key: string, ip: string, reason: string): Promise<number> {
    return db.transaction(async (tx) => {
      await lockLoginDecision(tx, key, ip);
      const wait = await throttled(tx, key, ip);
      if (wait) await recordAudit(tx, req, 'auth.login_throttled', key, null, null);
      else await recordAudit(tx, req, 'auth.login_failed', key, { reason }, null);
      return wait;
    });
  }

  app.post(
    '/api/auth/login',
    { schema: { tags: ['auth'], body: LoginBody, response: { 200: MeResponse } } },
    async (req, reply) => {
      // counted, looked up and audited by its key: ADMIN, ａｄｍｉｎ and admin share one throttle
      const username = usernameKey(req.body.username);
      const ip = clientIp(req);
      // a cheap refusal first, so a throttled guess costs no password hash
      const early = await throttled(db, username, ip);
      if (early) {
        await recordAudit(db, req, 'auth.login_throttled', username, null, null);
        throw tooMany(early);
      }
      // read once: the session is made under the credential version of the hash checked here
      const user = await findUserByKey(db, username);
      const ok = user ? await verifyPassword(req.body.password, user.passwordHash) : (await verifyPassword(req.body.password, await decoy), false);
      // The decision, under a lock per username and per address (in every process): guesses sent
      // in parallel are counted one after another, so no more than the limit get an answer.
      const outcome = await db.transaction(async (tx) => {
        await lockLoginDecision(tx, username, ip);
        const wait = await throttled(tx, username, ip);
        if (wait) {
          await recordAudit(tx, req, 'auth.login_throttled', username, null, null);
          return wait;
        }
        if (!user || !ok || user.disabled) {
          await recordAudit(tx, req, 'auth.login_failed', username, { reason: user?.disabled && ok ? 'disabled' : 'credentials' }, null);
          return 'failed';
        }
        await recordAudit(tx, req, 'auth.login', username, null, user);
        return 'ok';
      });
      if (typeof outcome === 'number') throw tooMany(outcome);
      if (outcome === 'failed' || !user) throw fail.unauthenticated('wrong username or password');
      // a fresh session id at every login: a planted cookie cannot be carried into a session
      if (req.sessionToken) await app.sessions.end(req.sessionToken);
      // a password reset, new role or disabling since the read above bumped the version: this
      // session is then dead from its first request
      const token = await app.sessions.create(user.id, user.credentialVersion);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: Math.floor(config.sessionMaxMs / 1000) });
      return { user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, unitId: user.unitId, scope: user.scope } };
    },
  );

  app.post(
    '/api/auth/password',
    { schema: { tags: ['auth'], summary: 'change one’s own password; ends one’s other sessions', body: ChangePasswordBody } },
    async (req, reply) => {
      const me = req.user!;
      const { currentPassword, newPassword } = req.body;
      const key = usernameKey(me.username);
      const ip = clientIp(req);
      // guessing the current password through a stolen session is throttled as guessing at login
      const early = await throttled(db, key, ip);
      if (early) throw tooMany(early);
      const row = (await findUser(db, me.id))!;
      if (!(await verifyPassword(currentPassword, row.passwordHash))) {
        const wait = await decideFailure(req, key, ip, 'password_change');
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
        await app.sessions.endAllOf(me.id, tx, me.sessionId);
        await recordAudit(tx, req, 'user.password_change', me.id, { otherSessionsEnded: true });
        return true;
      });
      if (!changed) throw fail.unauthenticated('your session ended: log in again');
      return reply.code(204).send();
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
    const token = req.sessionToken;
    // the session ends with its audit row, or not at all
    if (token) {
      await db.transaction(async (tx) => {
        await app.sessions.end(token, tx);
        if (req.user) await recordAudit(tx, req, 'auth.logout', req.user.username);
      });
    }
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.code(204).send();
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: MeResponse } } }, async (req) => {
    const { sessionId: _sid, credentialVersion: _v, ...user } = req.user!;
    return { user };
  });
};
export default routes;

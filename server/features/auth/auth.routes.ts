import { and, count, eq, gt, max, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DbOrTx } from '../../../db/client.js';
import { audit, users } from '../../../db/schema/index.js';
import { LoginBody, MeResponse } from '../../../shared/schemas/auth.js';
import { recordAudit } from '../../lib/audit.js';
import { fail } from '../../lib/errors.js';
import { hashPassword, verifyPassword } from '../../lib/password.js';
import { SESSION_COOKIE } from './sessions.js';
import { clientIp } from '../../lib/ip.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const { config } = app;
  // compared against when the username is unknown, so both answers take as long
  const decoy = hashPassword('decoy password', config.passwordCost);

  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure };

  /** Failed logins in the window; for a username, only those since its last success. */
  async function recentFailures(db: DbOrTx, by: 'target' | 'ip', value: string): Promise<number> {
    const windowStart = new Date(Date.now() - config.login.windowMs);
    const column = by === 'target' ? audit.target : audit.ip;
    const lastSuccess =
      by === 'target'
        ? db.select({ at: max(audit.at) }).from(audit).where(and(eq(audit.action, 'auth.login'), eq(audit.target, value)))
        : undefined;
    const [row] = await db
      .select({ n: count() })
      .from(audit)
      .where(
        and(
          eq(audit.action, 'auth.login_failed'),
          eq(column, value),
          gt(audit.at, windowStart),
          lastSuccess ? sql`${audit.at} > coalesce((${lastSuccess}), '-infinity'::timestamptz)` : undefined,
        ),
      );
    return row.n;
  }

  const throttled = async (db: DbOrTx, username: string, ip: string) => {
    const [byUser, byIp] = await Promise.all([recentFailures(db, 'target', username), recentFailures(db, 'ip', ip)]);
    return byUser >= config.login.maxPerUser || byIp >= config.login.maxPerIp;
  };
  const tooMany = () => fail.rateLimited('too many failed logins; wait a few minutes and try again', Math.ceil(config.login.windowMs / 1000));

  app.post(
    '/api/auth/login',
    { schema: { tags: ['auth'], body: LoginBody, response: { 200: MeResponse } } },
    async (req, reply) => {
      const username = req.body.username.toLowerCase();
      const ip = clientIp(req);
      // a cheap refusal first, so a throttled guess costs no password hash
      if (await throttled(db, username, ip)) {
        await recordAudit(db, req, 'auth.login_throttled', username, null, null);
        throw tooMany();
      }
      const [user] = await db.select().from(users).where(eq(sql`lower(${users.username})`, username)).limit(1);
      const ok = user ? await verifyPassword(req.body.password, user.passwordHash) : (await verifyPassword(req.body.password, await decoy), false);
      // The decision, under a lock per username and per address (in every process): guesses sent
      // in parallel are counted one after another, so no more than the limit get an answer.
      const outcome = await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(1, hashtext(${username}))`);
        await tx.execute(sql`select pg_advisory_xact_lock(2, hashtext(${ip}))`);
        if (await throttled(tx, username, ip)) {
          await recordAudit(tx, req, 'auth.login_throttled', username, null, null);
          return 'throttled';
        }
        if (!user || !ok || user.disabled) {
          await recordAudit(tx, req, 'auth.login_failed', username, { reason: user?.disabled && ok ? 'disabled' : 'credentials' }, null);
          return 'failed';
        }
        await recordAudit(tx, req, 'auth.login', username, null, user);
        return 'ok';
      });
      if (outcome === 'throttled') throw tooMany();
      if (outcome === 'failed' || !user) throw fail.unauthenticated('wrong username or password');
      // a fresh session id at every login: a planted cookie cannot be carried into a session
      if (req.sessionToken) await app.sessions.end(req.sessionToken);
      const token = await app.sessions.create(user.id);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: Math.floor(config.sessionMaxMs / 1000) });
      return { user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, unitId: user.unitId } };
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
    const { sessionId: _sid, ...user } = req.user!;
    return { user };
  });
};
export default routes;

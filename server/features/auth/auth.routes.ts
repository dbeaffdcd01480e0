import { and, count, eq, gt, max, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { audit, users } from '../../../db/schema/index.js';
import { LoginBody, MeResponse } from '../../../shared/schemas/auth.js';
import { recordAudit } from '../../lib/audit.js';
import { fail } from '../../lib/errors.js';
import { hashPassword, verifyPassword } from '../../lib/password.js';
import { SESSION_COOKIE } from './sessions.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const { config } = app;
  // compared against when the username is unknown, so both answers take as long
  const decoy = hashPassword('decoy password', config.passwordCost);

  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure };

  /** Failed logins in the window; for a username, only those since its last success. */
  async function recentFailures(by: 'target' | 'ip', value: string): Promise<number> {
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

  app.post(
    '/api/auth/login',
    { schema: { tags: ['auth'], body: LoginBody, response: { 200: MeResponse } } },
    async (req, reply) => {
      const username = req.body.username.toLowerCase();
      const [byUser, byIp] = await Promise.all([recentFailures('target', username), recentFailures('ip', req.ip)]);
      if (byUser >= config.login.maxPerUser || byIp >= config.login.maxPerIp) {
        await recordAudit(db, req, 'auth.login_throttled', username, null, null);
        throw fail.rateLimited('too many failed logins; wait a few minutes and try again', Math.ceil(config.login.windowMs / 1000));
      }
      const [user] = await db.select().from(users).where(eq(sql`lower(${users.username})`, username)).limit(1);
      const ok = user ? await verifyPassword(req.body.password, user.passwordHash) : (await verifyPassword(req.body.password, await decoy), false);
      if (!user || !ok || user.disabled) {
        await recordAudit(db, req, 'auth.login_failed', username, { reason: user?.disabled && ok ? 'disabled' : 'credentials' }, null);
        throw fail.unauthenticated('wrong username or password');
      }
      // a fresh session id at every login: a planted cookie cannot be carried into a session
      if (req.sessionToken) await app.sessions.end(req.sessionToken);
      const token = await app.sessions.create(user.id);
      await recordAudit(db, req, 'auth.login', username, null, user);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: Math.floor(config.sessionMaxMs / 1000) });
      return { user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, unitId: user.unitId } };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
    if (req.sessionToken) {
      await app.sessions.end(req.sessionToken);
      if (req.user) await recordAudit(db, req, 'auth.logout', req.user.username);
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

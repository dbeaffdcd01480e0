// /api/auth: cookies and status codes; the rules are auth.service.ts's.
import type { FastifyInstance } from 'fastify';
import { authApi } from '../../../shared/api/auth.js';
import { actorOf } from '../../lib/actor.js';
import { clientIp } from '../../lib/ip.js';
import { route } from '../../lib/route.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../../lib/session-cookie.js';
import { changePassword, decoyHash, login, logout, type AuthDeps } from './auth.service.js';

export default async function authRoutes(app: FastifyInstance) {
  const { config } = app;
  const deps: AuthDeps = { db: app.database.db, config, sessions: app.sessions };
  const cookieOptions = sessionCookieOptions(config.cookieSecure);
  // ready before the first login names an unknown user
  void decoyHash(config.passwordCost);

  route(app, authApi.login, async (req, reply) => {
    const { user, token } = await login(deps, { ...req.body, ip: clientIp(req), previousToken: req.sessionToken });
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: Math.floor(config.sessionMaxMs / 1000) });
    return { user };
  });

  route(app, authApi.password, async (req, reply) => {
    await changePassword(deps, actorOf(req), { ...req.body, sessionId: req.user!.sessionId });
    return reply.code(204).send();
  });

  route(app, authApi.logout, async (req, reply) => {
    if (req.sessionToken) await logout(deps, req.sessionToken, req.user ? actorOf(req) : null);
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.code(204).send();
  });

  route(app, authApi.me, async (req) => {
    const { sessionId: _sid, credentialVersion: _v, ...user } = req.user!;
    return { user };
  });
}

// /api/auth: cookies and status codes; the rules are auth.service.ts's.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChangePasswordBody, LoginBody, MeResponse } from '../../../shared/schemas/auth.js';
import { clientIp } from '../../lib/ip.js';
import { createAuthService } from './auth.service.js';
import { SESSION_COOKIE } from './sessions.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app;
  const auth = createAuthService({ db: app.database.db, config, sessions: app.sessions });
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure };

  app.post('/api/auth/login', { schema: { tags: ['auth'], body: LoginBody, response: { 200: MeResponse } } }, async (req, reply) => {
    const { user, token } = await auth.login({ ...req.body, ip: clientIp(req), previousToken: req.sessionToken });
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: Math.floor(config.sessionMaxMs / 1000) });
    return { user };
  });

  app.post(
    '/api/auth/password',
    { schema: { tags: ['auth'], summary: 'change one’s own password; ends one’s other sessions', body: ChangePasswordBody } },
    async (req, reply) => {
      await auth.changePassword(req.user!, clientIp(req), req.body);
      return reply.code(204).send();
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
    if (req.sessionToken) await auth.logout(req.sessionToken, req.user, clientIp(req));
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.code(204).send();
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: MeResponse } } }, async (req) => {
    const { sessionId: _sid, credentialVersion: _v, ...user } = req.user!;
    return { user };
  });
};
export default routes;

// Who is calling, and may they: session cookie → req.user (401 when needed), then after
// validation the access table and the Origin check (403), so that 401 < 400 < 403 holds.
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { ACCESS, accessKey, isApi, ruleProblem, type Rule } from '../access.js';
import { createSessionsRepository, type CurrentUser, type SessionsRepository } from '../../db/queries/sessions.js';
import { fail } from '../lib/errors.js';
import { SESSION_COOKIE } from '../lib/session-cookie.js';
import { loggable } from '../logger.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    sessionToken: string | null;
  }
  interface FastifyInstance {
    sessions: SessionsRepository;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The row of a request's route. HEAD is answered by the GET route, so it takes GET's row; a
 * route under /api without a usable row (roles and scope) answers 'none' (refused), whatever
 * registered it.
 */
export function ruleOf(req: FastifyRequest): Rule | 'none' | undefined {
  const url = req.routeOptions.url;
  if (!url) return undefined;
  const row = ACCESS[accessKey(req.method === 'HEAD' ? 'GET' : req.method, url)];
  if (row && !ruleProblem(row)) return row;
  return isApi(url) ? 'none' : undefined;
}

export default fp(
  async (app) => {
    const { config, database } = app;
    await app.register(cookie);
    app.decorate('sessions', createSessionsRepository({ db: database.db, policy: { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs } }));
    // Ended sessions' rows are deleted on a timer, started with the app and stopped before the
    // database closes; unref'd, so it never keeps a process alive by itself.
    let sweeping: Promise<unknown> = Promise.resolve();
    let sweeper: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      sweeper = setInterval(() => {
        sweeping = app.sessions.sweep().catch((err: unknown) => app.log.warn({ err: loggable(err) }, 'could not sweep ended sessions'));
      }, config.sessionSweepMs).unref();
    });
    app.addHook('onClose', async () => {
      clearInterval(sweeper);
      await sweeping;
    });
    app.decorateRequest('user', null);
    app.decorateRequest('sessionToken', null);

    // A route under /api without a row in the access table, or a row that does not say how the
    // route keeps to the caller's scope, is a mistake: refuse to start.
    app.addHook('onRoute', (route) => {
      if (!isApi(route.url)) return;
      for (const method of [route.method].flat()) {
        if (method === 'HEAD' || method === 'OPTIONS') continue;
        const problem = ruleProblem(ACCESS[accessKey(method, route.url)]);
        if (problem) throw new Error(`${problem} for ${method} ${route.url} in server/access.ts`);
      }
    });

    app.addHook('onRequest', async (req) => {
      const rule = ruleOf(req);
      if (rule === 'none') throw fail.forbidden();
      const access = rule?.roles;
      // by the route, not the raw URL: /api/%61uth/logout is logout too
      // public routes read no session, except login/logout and a training's sign-in (a unit's contact signs in with one tap)
      const readsSession = req.routeOptions.url?.startsWith('/api/auth/') || req.routeOptions.url === '/api/trainings/:id/sign-in';
      if (access === undefined || (access === 'public' && !readsSession)) return;
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        req.sessionToken = token;
        req.user = await app.sessions.resolve(token);
      }
      if (!req.user && access !== 'public') throw fail.unauthenticated();
    });

    app.addHook('preHandler', async (req) => {
      const access = ruleOf(req);
      if (access === undefined || access === 'none') return;
      if (Array.isArray(access.roles) && !access.roles.includes(req.user!.role)) throw fail.forbidden();
      if (WRITES.has(req.method)) {
        const origin = req.headers.origin;
        // Clients outside a browser send no Origin; a browser's cross-site write does.
        if (origin !== undefined && !sameOrigin(origin, req, config.publicOrigin)) {
          throw fail.forbidden('cross-site request refused');
        }
      }
    });
  },
  { name: 'auth', dependencies: ['errors'] },
);

function sameOrigin(origin: string, req: FastifyRequest, configured?: string): boolean {
  try {
    // URL drops default ports on both sides, so http://host and http://host:80 agree
    return new URL(origin).origin === new URL(configured ?? `${req.protocol}://${req.host}`).origin;
  } catch {
    return false; // "null" and other opaque origins
  }
}

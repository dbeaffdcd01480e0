// Serves the built dashboard at `/`; any other path that is not the API gets index.html,
// so the client-side router can take it.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fp from 'fastify-plugin';
import staticFiles from '@fastify/static';
import { send } from './errors.js';
import { pathOf } from '../lib/url.js';
import { projectRoot } from '../../db/root.js';

export const DIST = resolve(projectRoot, 'web/dist');

export default fp(
  async (app) => {
    const built = existsSync(resolve(DIST, 'index.html'));
    if (built) // wildcard: files are looked up per request, so a rebuild is served without a restart
    await app.register(staticFiles, { root: DIST, wildcard: true, index: 'index.html' });
    else app.log.warn(`no built dashboard in ${DIST}: run "npm run build"`);

    app.setNotFoundHandler((req, reply) => {
      const path = pathOf(req.url);
      if (!built || req.method !== 'GET' || path.startsWith('/api') || /\.[a-z0-9]+$/i.test(path)) {
        return send(reply, 404, 'NOT_FOUND', `no route ${req.method} ${path}`);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  },
  { name: 'dashboard', dependencies: ['errors'] },
);

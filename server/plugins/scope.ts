// The scope column of the access table, for what a request names by area: a scoped caller's
// `area`/`parent` query (or the `:code` of /api/areas/:code) outside its scope is the 404 of an
// area that names nothing. What it names by id (a unit, step, notice, user or channel) the
// services read through the caller's reach (db/queries/reach.ts), so outside it is no row.
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { narrowTo } from '../../shared/domain/areas.js';
import { fail } from '../lib/errors.js';
import { ruleOf } from './auth.js';

/** The area scope of a caller it binds: office, viewer and technician users with one. */
export const areaScopeOf = (req: FastifyRequest): string | null => (req.user && req.user.role !== 'unit' ? req.user.scope : null);

export default fp(
  async (app) => {
    app.addHook('preHandler', async (req) => {
      const rule = ruleOf(req);
      if (rule === undefined || rule === 'none' || rule.scope === 'none') return;
      const scope = areaScopeOf(req);
      if (scope === null) return;
      const query = (req.query ?? {}) as Record<string, unknown>;
      const params = (req.params ?? {}) as Record<string, unknown>;
      const areas = [query.area, query.parent, req.routeOptions.url?.startsWith('/api/areas/') ? params.code : undefined];
      for (const area of areas) {
        if (area === undefined || area === null || area === '') continue;
        if (typeof area !== 'string' || !narrowTo(scope, area).ok) throw fail.notFound('area');
      }
    });
  },
  { name: 'scope', dependencies: ['auth'] },
);

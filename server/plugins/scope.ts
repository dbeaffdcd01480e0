// The scope column of the access table, enforced once for every route (after auth's role check):
// a scoped caller naming, by the path's :id, a unit, step, notice, user or channel that lies
// outside its scope gets exactly the 404 an unknown id gets; an `area`/`parent` query (or the
// `:code` of /api/areas/:code) outside its scope is a 404 as well. Lists, reports and streams
// (`filtered`) are left to their services, which filter by the actor's scope.
import fp from 'fastify-plugin';
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { rowsOf } from '../../db/rows.js';
import type { DbOrTx } from '../../db/client.js';
import { inScope, narrowTo } from '../../shared/domain/areas.js';
import type { ScopeKind } from '../access.js';
import { fail, isUuid } from '../lib/errors.js';
import { ruleOf } from './auth.js';

type IdKind = Exclude<ScopeKind, 'none' | 'filtered'>;

/** Where the thing an id names is placed (a unit's county, a user's or channel's scope), and the 404 it would get. */
const PLACE: Record<IdKind, { what: string; query: (id: string) => SQL }> = {
  unit: { what: 'unit', query: (id) => sql`select area_code as area from units where id = ${id}::uuid` },
  event: { what: 'step', query: (id) => sql`select u.area_code as area from steps s join units u on u.id = s.unit_id where s.id = ${id}::uuid` },
  notice: { what: 'notice', query: (id) => sql`select u.area_code as area from notices n join units u on u.id = n.unit_id where n.id = ${id}::uuid` },
  // a unit's contact is where its unit is; anyone else where its scope is (null: everywhere)
  user: {
    what: 'user',
    query: (id) => sql`select case when s.role = 'unit' then u.area_code else s.scope end as area
      from users s left join units u on u.id = s.unit_id where s.id = ${id}::uuid`,
  },
  channel: { what: 'channel', query: (id) => sql`select scope as area from notify_channels where id = ${id}::uuid` },
};

/** Whether something named by an id lies inside `scope`; an id that names nothing is left to the route's own 404. */
export async function idInScope(db: DbOrTx, kind: IdKind, id: string, scope: string | null): Promise<boolean> {
  if (scope === null || !isUuid(id)) return true;
  const [row] = await rowsOf<{ area: string | null }>(db, PLACE[kind].query(id));
  return !row || inScope(scope, row.area);
}

/** The area scope of a caller it binds: office, viewer and technician users with one. */
export const areaScopeOf = (req: FastifyRequest): string | null => (req.user && req.user.role !== 'unit' ? req.user.scope : null);

export default fp(
  async (app) => {
    const { db } = app.database;
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
      if (rule.scope === 'filtered') return;
      const id = params.id;
      if (typeof id === 'string' && !(await idInScope(db, rule.scope, id, scope))) throw fail.notFound(PLACE[rule.scope].what);
    });
  },
  { name: 'scope', dependencies: ['auth'] },
);

// /healthz and /readyz: the probes; /readyz asks both pools, and says where reads go.
import type { FastifyInstance } from 'fastify';
import { ping } from '../../../db/queries/health.js';
import { healthApi } from '../../../shared/api/health.js';
import { route } from '../../lib/route.js';
import { send } from '../../plugins/errors.js';

export default async function healthRoutes(app: FastifyInstance) {
  // with a read replica, say where its reads go, and log each change
  const routing = app.database.readRouting;
  routing?.onChange((now, before) =>
    app.log[now.to === 'replica' ? 'info' : 'warn']({ reads: now, before: before.to }, now.to === 'replica' ? 'reads return to the replica' : 'reads go to the primary'),
  );

  route(app, healthApi.live, async () => ({ status: 'ok' as const }));

  route(app, healthApi.ready, async (req, reply) => {
    try {
      // both pools: the reports' connections are opened on their own
      await Promise.race([
        Promise.all([ping(app.database.db), ping(app.database.reports)]),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      return { status: 'ready' as const, database: app.database.kind, ...(routing ? { reads: routing.status() } : {}) };
    } catch (err) {
      req.log.warn({ err: (err as Error).message }, 'database not ready');
      return send(reply, 503, 'UNAVAILABLE', 'the database is not answering');
    }
  });
}

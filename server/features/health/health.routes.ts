import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { send } from '../../plugins/errors.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  // with a read replica, say where its reads go, and log each change
  const routing = app.database.readRouting;
  routing?.onChange((now, before) =>
    app.log[now.to === 'replica' ? 'info' : 'warn']({ reads: now, before: before.to }, now.to === 'replica' ? 'reads return to the replica' : 'reads go to the primary'),
  );

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    try {
      // both pools: the reports' connections are opened on their own
      await Promise.race([
        Promise.all([app.database.db.execute(sql`select 1`), app.database.reports.execute(sql`select 1`)]),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      return { status: 'ready', database: app.database.kind, ...(routing ? { reads: routing.status() } : {}) };
    } catch (err) {
      req.log.warn({ err: (err as Error).message }, 'database not ready');
      return send(reply, 503, 'UNAVAILABLE', 'the database is not answering');
    }
  });
};
export default routes;

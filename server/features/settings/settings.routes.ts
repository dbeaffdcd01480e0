import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Settings } from '../../../shared/schemas/settings.js';
import { recordAudit } from '../../lib/audit.js';
import { fail } from '../../lib/errors.js';
import { readSettings, writeSettings } from './settings.repository.js';
import { databaseKnowsZone, ZONE_UNKNOWN_TO_DATABASE } from './settings.timezone.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get('/api/settings', { schema: { tags: ['settings'], response: { 200: Settings } } }, async () => readSettings(db));

  app.put('/api/settings', { schema: { tags: ['settings'], body: Settings, response: { 200: Settings } } }, async (req) => {
    // the schema checked the name against JavaScript's list; the reports need the database's too
    if (!(await databaseKnowsZone(db, req.body.timezone))) {
      throw fail.validation(`invalid request: timezone is ${ZONE_UNKNOWN_TO_DATABASE}`, [{ field: 'timezone', message: ZONE_UNKNOWN_TO_DATABASE }]);
    }
    return db.transaction(async (tx) => {
      const before = await readSettings(tx);
      const after = await writeSettings(tx, req.body);
      await recordAudit(tx, req, 'settings.update', 'settings', { before, after });
      return after;
    });
  });
};
export default routes;

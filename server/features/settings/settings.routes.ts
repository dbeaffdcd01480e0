// GET|PUT /api/settings: the installation's settings; with ?area= an area's own deadlines.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaOwnSettings, AreaSettings, Settings, SettingsQuery } from '../../../shared/schemas/settings.js';
import { actorOf } from '../../lib/actor.js';
import { recordAudit } from '../../lib/audit.js';
import { fail } from '../../lib/errors.js';
import { readSettings, writeSettings } from '../../../db/queries/settings.js';
import { checkInstallationWrite, getSettings, putAreaSettings, writableArea } from './settings.service.js';
import { databaseKnowsZone, ZONE_UNKNOWN_TO_DATABASE } from './settings.timezone.js';

// an area's answer first: the installation's shape would take it too, stripped of its sources
const Answer = z.union([AreaSettings, Settings]);

/** The body as the query says: the installation's settings, or an area's own values. */
function bodyOf<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'body', message: i.message }));
  throw fail.validation(`invalid body: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get('/api/settings', { schema: { tags: ['settings'], querystring: SettingsQuery, response: { 200: Answer } } }, async (req) =>
    getSettings(db, actorOf(req), req.query.area),
  );

  app.put('/api/settings', { schema: { tags: ['settings'], querystring: SettingsQuery, body: z.unknown(), response: { 200: Answer } } }, async (req) => {
    const actor = actorOf(req);
    if (req.query.area !== undefined) {
      const body = bodyOf(AreaOwnSettings, req.body);
      const area = await writableArea(db, actor, req.query.area);
      return db.transaction(async (tx) => {
        const { before, after } = await putAreaSettings(tx, area, body);
        await recordAudit(tx, req, 'settings.area_update', area.code, { before, after: after.own });
        return after;
      });
    }
    const body = bodyOf(Settings, req.body);
    await checkInstallationWrite(db, actor, body);
    // the schema checked the name against JavaScript's list; the reports need the database's too
    if (!(await databaseKnowsZone(db, body.timezone))) {
      throw fail.validation(`invalid request: timezone is ${ZONE_UNKNOWN_TO_DATABASE}`, [{ field: 'timezone', message: ZONE_UNKNOWN_TO_DATABASE }]);
    }
    return db.transaction(async (tx) => {
      const before = await readSettings(tx);
      const after = await writeSettings(tx, body);
      await recordAudit(tx, req, 'settings.update', 'settings', { before, after });
      return after;
    });
  });
};
export default routes;

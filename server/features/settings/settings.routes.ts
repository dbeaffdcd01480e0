// GET|PUT /api/settings: the installation's settings; with ?area= an area's own deadlines.
import type { FastifyInstance } from 'fastify';
import { getHelp, putHelp } from './settings.help.js';
import { settingsApi } from '../../../shared/api/settings.js';
import { actorOf } from '../../lib/actor.js';
import { route } from '../../lib/route.js';
import { getSettings, putSettings } from './settings.service.js';

export default async function settingsRoutes(app: FastifyInstance) {
  const { db } = app.database;
  route(app, settingsApi.get, async (req) => getSettings(db, actorOf(req), req.query.area));
  route(app, settingsApi.getHelp, async (req) => getHelp(db, actorOf(req), req.query.area));
  route(app, settingsApi.putHelp, async (req) => putHelp(db, actorOf(req), req.query.area, req.body));
  route(app, settingsApi.put, async (req) => putSettings(db, actorOf(req), req.query.area, req.body));
}

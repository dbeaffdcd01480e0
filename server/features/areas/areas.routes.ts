// GET /api/areas, GET /api/areas/:code: the tree for pickers and breadcrumbs.
import type { FastifyInstance } from 'fastify';
import { areasApi } from '../../../shared/api/areas.js';
import { actorOf } from '../../lib/actor.js';
import { route } from '../../lib/route.js';
import { getArea, listAreas } from './areas.service.js';

export default async function areasRoutes(app: FastifyInstance) {
  const { db } = app.database;
  route(app, areasApi.list, async (req) => listAreas(db, actorOf(req), req.query.parent));
  route(app, areasApi.get, async (req) => getArea(db, actorOf(req), req.params.code));
}

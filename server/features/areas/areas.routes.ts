// GET /api/areas, GET /api/areas/:code: the tree for pickers and breadcrumbs (any role but unit).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaResponse, AreasQuery, AreasResponse } from '../../../shared/schemas/areas.js';
import { actorOf } from '../../lib/actor.js';
import { getArea, listAreas } from './areas.service.js';

const tags = ['areas'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get('/api/areas', { schema: { tags, querystring: AreasQuery, response: { 200: AreasResponse } } }, async (req) =>
    listAreas(db, actorOf(req), req.query.parent),
  );

  // any code is taken: one that names no area is a 404, whatever its shape
  app.get('/api/areas/:code', { schema: { tags, params: z.object({ code: z.string() }), response: { 200: AreaResponse } } }, async (req) =>
    getArea(db, actorOf(req), req.params.code),
  );
};
export default routes;

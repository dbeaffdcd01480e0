// POST /api/bulletins, GET /api/bulletins[/:id]: issued bulletins (通报), stored as issued.
import type { FastifyInstance } from 'fastify';
import { bulletinsApi } from '../../../shared/api/bulletins.js';
import { actorOf } from '../../lib/actor.js';
import { route } from '../../lib/route.js';
import { getBulletin, issueBulletin, listBulletins } from './bulletins.service.js';

export default async function bulletinsRoutes(app: FastifyInstance) {
  const { db } = app.database;
  route(app, bulletinsApi.issue, async (req, reply) => {
    const bulletin = await issueBulletin(db, actorOf(req), req.body);
    return reply.code(201).send({ bulletin });
  });
  route(app, bulletinsApi.list, async (req) => listBulletins(db, actorOf(req), req.query));
  route(app, bulletinsApi.get, async (req) => ({ bulletin: await getBulletin(db, actorOf(req), req.params.id) }));
}

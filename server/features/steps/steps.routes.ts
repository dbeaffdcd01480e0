// The steps: HTTP only; the rules (who may record what, the unit's reach, the void) are steps.service.ts's.
import type { FastifyInstance } from 'fastify';
import { stepsApi } from '../../../shared/api/steps.js';
import { actorOf } from '../../lib/actor.js';
import { route } from '../../lib/route.js';
import { feed, recordStep, unitSteps, voidStep } from './steps.service.js';

export default async function stepsRoutes(app: FastifyInstance) {
  const { db } = app.database;
  const deps = { db, config: app.config };

  route(app, stepsApi.record, async (req, reply) => {
    const { created, event, progress } = await recordStep(deps, actorOf(req), req.params.id, req.body);
    return reply.code(created ? 201 : 200).send({ event, progress });
  });

  route(app, stepsApi.list, async (req) => unitSteps(db, actorOf(req), req.params.id, req.query));

  route(app, stepsApi.void, async (req) => {
    const { event, progress } = await voidStep(db, actorOf(req), req.params.id, req.body.reason);
    return { event, progress };
  });

  // the feed of every unit's steps tolerates a moment's lag (read replica); a unit's own steps do not
  route(app, stepsApi.feed, async (req) => feed(app.database.reads, actorOf(req), req.query));
}

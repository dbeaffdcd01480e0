import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PageQuery } from '../../../shared/schemas/common.js';
import { EventsQuery, StepInput, StepList, StepResponse, VoidBody } from '../../../shared/schemas/steps.js';
import { actorOf } from '../../lib/actor.js';
import { fail } from '../../lib/errors.js';
import { findUnit } from '../units/units.repository.js';
import { listUnitSteps } from './steps.repository.js';
import { feed, recordStep, voidStep } from './steps.service.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.post(
    '/api/units/:id/events',
    { schema: { tags: ['steps'], params: IdParams, body: StepInput, response: { 200: StepResponse, 201: StepResponse } } },
    async (req, reply) => {
      const { created, event, progress } = await recordStep(db, req, req.params.id, req.body);
      return reply.code(created ? 201 : 200).send({ event, progress });
    },
  );

  app.get(
    '/api/units/:id/events',
    { schema: { tags: ['steps'], params: IdParams, querystring: PageQuery, response: { 200: StepList } } },
    async (req) => {
      const user = req.user!;
      if (user.role === 'unit' && user.unitId !== req.params.id) throw fail.forbidden('a unit contact may read only its own unit');
      const unit = await findUnit(db, req.params.id);
      if (!unit) throw fail.notFound('unit');
      return listUnitSteps(db, unit.id, req.query);
    },
  );

  app.post(
    '/api/events/:id/void',
    { schema: { tags: ['steps'], params: IdParams, body: VoidBody, response: { 200: StepResponse } } },
    async (req) => {
      const { event, progress } = await voidStep(db, req, req.params.id, req.body.reason);
      return { event, progress };
    },
  );

  app.get('/api/events', { schema: { tags: ['steps'], querystring: EventsQuery, response: { 200: StepList } } }, async (req) => {
    // the feed of every unit's steps tolerates a moment's lag (read replica); a unit's own steps do not
    return feed(app.database.reads, actorOf(req), req.query);
  });
};
export default routes;

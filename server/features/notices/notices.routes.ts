// Urging notices (催办): HTTP only; the rules are in notices.service.ts.
import type { FastifyInstance } from 'fastify';
import { noticesApi } from '../../../shared/api/notices.js';
import { actorOf } from '../../lib/actor.js';
import { route } from '../../lib/route.js';
import * as areas from './notices.areas.js';
import * as notices from './notices.service.js';

export default async function noticesRoutes(app: FastifyInstance) {
  const { db } = app.database;

  route(app, noticesApi.issue, async (req, reply) => reply.code(201).send({ notice: await notices.issueToUnit(db, actorOf(req), req.params.id, req.body) }));

  route(app, noticesApi.issueToArea, async (req, reply) => reply.code(201).send({ notice: await areas.issueToArea(db, actorOf(req), req.params.code, req.body) }));

  route(app, noticesApi.batch, async (req, reply) => {
    const result = await notices.issueBatch(db, actorOf(req), req.body, { dryRun: req.query.dryRun });
    return reply.code(req.query.dryRun ? 200 : 201).send(result);
  });

  route(app, noticesApi.list, async (req) => notices.listNotices(db, actorOf(req), req.query));

  route(app, noticesApi.get, async (req) => ({ notice: await notices.getNotice(db, actorOf(req), req.params.id) }));

  route(app, noticesApi.answer, async (req) => ({ notice: await notices.answer(db, actorOf(req), req.params.id, req.body.text) }));

  route(app, noticesApi.withdraw, async (req) => ({ notice: await notices.withdraw(db, actorOf(req), req.params.id, req.body.reason) }));
}

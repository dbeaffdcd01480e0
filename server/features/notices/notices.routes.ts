// Urging notices (催办): HTTP only; the rules are in notices.service.ts.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BoolText, IdParams } from '../../../shared/schemas/common.js';
import { AnswerNotice, BatchResult, IssueBatch, IssueNotice, NoticeList, NoticeListQuery, NoticeResponse, WithdrawNotice } from '../../../shared/schemas/notices.js';
import { actorOf } from '../../lib/actor.js';
import * as notices from './notices.service.js';

const tags = ['notices'];
const BatchQuery = z.object({ dryRun: BoolText.optional() });
const BatchDryRun = BatchResult.extend({ skipped: z.number().int() });

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.post(
    '/api/units/:id/notices',
    { schema: { tags, params: IdParams, body: IssueNotice, response: { 201: NoticeResponse } } },
    async (req, reply) => reply.code(201).send({ notice: await notices.issueToUnit(db, actorOf(req), req.params.id, req.body) }),
  );

  app.post(
    '/api/notices/batch',
    { schema: { tags, querystring: BatchQuery, body: IssueBatch, response: { 200: BatchDryRun, 201: BatchDryRun } } },
    async (req, reply) => {
      const result = await notices.issueBatch(db, actorOf(req), req.body, { dryRun: req.query.dryRun });
      return reply.code(req.query.dryRun ? 200 : 201).send(result);
    },
  );

  app.get('/api/notices', { schema: { tags, querystring: NoticeListQuery, response: { 200: NoticeList } } }, async (req) =>
    notices.listNotices(db, actorOf(req), req.query),
  );

  app.get('/api/notices/:id', { schema: { tags, params: IdParams, response: { 200: NoticeResponse } } }, async (req) => ({
    notice: await notices.getNotice(db, actorOf(req), req.params.id),
  }));

  app.post('/api/notices/:id/answer', { schema: { tags, params: IdParams, body: AnswerNotice, response: { 200: NoticeResponse } } }, async (req) => ({
    notice: await notices.answer(db, actorOf(req), req.params.id, req.body.text),
  }));

  app.post('/api/notices/:id/withdraw', { schema: { tags, params: IdParams, body: WithdrawNotice, response: { 200: NoticeResponse } } }, async (req) => ({
    notice: await notices.withdraw(db, actorOf(req), req.params.id, req.body.reason),
  }));
};
export default routes;

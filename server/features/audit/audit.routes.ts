import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditList, AuditQuery } from '../../../shared/schemas/audit.js';
import { actorOf } from '../../lib/actor.js';
import { auditLog } from './audit.service.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  // the log is read where lag does no harm: on the read replica when there is one
  const db = app.database.reads;

  app.get('/api/audit', { schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditList } } }, async (req) => auditLog(db, actorOf(req), req.query));
};
export default routes;

// GET /api/audit: the log, a page at a time. HTTP only.
import type { FastifyInstance } from 'fastify';
import { auditApi } from '../../../shared/api/audit.js';
import { actorOf } from '../../lib/actor.js';
import { route } from '../../lib/route.js';
import { auditLog } from './audit.service.js';

export default async function auditRoutes(app: FastifyInstance) {
  // the log is read where lag does no harm: on the read replica when there is one
  const db = app.database.reads;
  route(app, auditApi.list, async (req) => auditLog(db, actorOf(req), req.query));
}

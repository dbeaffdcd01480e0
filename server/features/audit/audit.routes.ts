import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditList, AuditQuery } from '../../../shared/schemas/audit.js';
import { readSettings } from '../settings/settings.repository.js';
import { listAudit } from './audit.repository.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  // the log is read where lag does no harm: on the read replica when there is one
  const db = app.database.reads;

  app.get('/api/audit', { schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditList } } }, async (req) => {
    const q = req.query;
    // a day of the date filter is a day where the campaign is
    const { timezone } = q.from || q.to ? await readSettings(db) : { timezone: 'UTC' };
    const { items, total } = await listAudit(db, q, timezone);
    return { items, total, page: q.page, pageSize: q.pageSize };
  });
};
export default routes;

import { and, count, desc, eq, gte, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { audit } from '../../../db/schema/index.js';
import { AuditList, AuditQuery, type AuditEntry } from '../../../shared/schemas/audit.js';
import { isUuid } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';

const toEntry = (r: typeof audit.$inferSelect): AuditEntry => ({
  id: String(r.id),
  at: iso(r.at),
  actor: r.actorUsername || r.actorId ? { id: r.actorId, username: r.actorUsername, role: r.actorRole as never } : null,
  action: r.action,
  target: r.target,
  ip: r.ip,
  details: r.details,
});

const routes: FastifyPluginAsyncZod = async (app) => {
  // the log is read where lag does no harm: on the read replica when there is one
  const db = app.database.reads;

  app.get('/api/audit', { schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditList } } }, async (req) => {
    const q = req.query;
    if (q.actorId && !isUuid(q.actorId)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const where: SQL[] = [];
    if (q.action) where.push(eq(audit.action, q.action));
    if (q.actorId) where.push(eq(audit.actorId, q.actorId));
    if (q.since) where.push(gte(audit.at, new Date(q.since)));
    const filter = where.length ? and(...where) : undefined;
    const [rows, [total]] = await Promise.all([
      db.select().from(audit).where(filter).orderBy(desc(audit.at), desc(audit.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
      db.select({ n: count() }).from(audit).where(filter),
    ]);
    return { items: rows.map(toEntry), total: total.n, page: q.page, pageSize: q.pageSize };
  });
};
export default routes;

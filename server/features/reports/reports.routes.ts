// GET /api/reports/*: summary, laggards (JSON, CSV, XLSX), trend, reasons, the roll-up of areas.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { reportsApi } from '../../../shared/api/reports.js';
import { laggardsAttachment, laggardsCsv, laggardsXlsx, XLSX_MIME } from './reports.files.js';
import { actorOf } from '../../lib/actor.js';
import { route } from '../../lib/route.js';
import { dueSoonReport, laggardsReport, reportArea, summaryReport } from '../../lib/reports.js';
import { laggardsForExport, reasonsReport, reviewQueueReport, rollupReport, trendReport } from './reports.service.js';
import type { RollupQuery } from '../../../shared/schemas/areas.js';
import { rollupAttachment, rollupCsv, rollupXlsx } from './rollup.files.js';
import { keepReportsWarm } from './reports.warm.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  // the reports' own pool: a long export never holds up a step being written
  const db = app.database.reports;
  keepReportsWarm(app, db);
  /** the query with its area narrowed to the caller's scope (404 outside it) */
  const narrowed = async <Q extends { area?: string }>(req: { query: Q } & Parameters<typeof actorOf>[0]) => {
    const area = await reportArea(db, actorOf(req), req.query.area);
    return { query: { ...req.query, area: area?.code ?? null }, area };
  };

  route(app, reportsApi.summary, async (req) => summaryReport(db, (await narrowed(req)).query));

  // today's board and roll-up are kept for this database (db/queries/reports/memo.ts)
  route(app, reportsApi.laggards, async (req) => laggardsReport(db, (await narrowed(req)).query, undefined, db));

  route(app, reportsApi.laggardsCsv, async (req, reply) => {
    const { ctx, items } = await laggardsForExport(db, (await narrowed(req)).query);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', laggardsAttachment(ctx.asOf, 'csv'))
      .send(laggardsCsv(items, ctx.rules.timezone));
  });

  route(app, reportsApi.laggardsXlsx, async (req, reply) => {
    const { query, area } = await narrowed(req);
    const { ctx, items } = await laggardsForExport(db, query);
    return reply
      .type(XLSX_MIME)
      .header('content-disposition', laggardsAttachment(ctx.asOf, 'xlsx'))
      .send(laggardsXlsx(items, { ...req.query, asOf: ctx.asOf, areaName: area?.name }, ctx.rules.timezone));
  });

  route(app, reportsApi.dueSoon, async (req) => dueSoonReport(db, (await narrowed(req)).query));

  route(app, reportsApi.trend, async (req) => trendReport(db, (await narrowed(req)).query));

  route(app, reportsApi.reasons, async (req) => {
    const { query } = await narrowed(req);
    return reasonsReport(db, query.asOf, query.area);
  });

  route(app, reportsApi.reviewQueue, async (req) => reviewQueueReport(db, (await narrowed(req)).query.area));

  // the roll-up: the children of `parent` (default: the caller's scope) side by side, ranked
  const rollup = async (req: { query: RollupQuery } & Parameters<typeof actorOf>[0]) =>
    rollupReport(db, await reportArea(db, actorOf(req), req.query.parent), req.query.asOf, undefined, req.query.compareDays, db);
  route(app, reportsApi.areas, async (req) => rollup(req));
  for (const [format, e] of [['csv', reportsApi.areasCsv], ['xlsx', reportsApi.areasXlsx]] as const) {
    route(app, e, async (req, reply) => {
      const report = await rollup(req);
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME)
        .header('content-disposition', rollupAttachment(report, format))
        .send(format === 'csv' ? rollupCsv(report) : rollupXlsx(report));
    });
  }
};
export default routes;

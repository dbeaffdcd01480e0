// GET /api/reports/*: summary, laggards (JSON, CSV, XLSX), trend, reasons. Office and viewer.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  LaggardFilter,
  LaggardsQuery,
  LaggardsReport,
  ReasonsQuery,
  ReasonsReport,
  SummaryQuery,
  SummaryReport,
  TrendQuery,
  TrendReport,
} from '../../../shared/schemas/reports.js';
import { laggardsAttachment, laggardsCsv, laggardsXlsx, XLSX_MIME } from './reports.files.js';
import { actorOf } from '../../lib/actor.js';
import { laggardsForExport, laggardsReport, reasonsReport, reportArea, rollupReport, summaryReport, trendReport } from './reports.service.js';
import { RollupQuery, RollupResponse } from '../../../shared/schemas/areas.js';
import { rollupAttachment, rollupCsv, rollupXlsx } from './rollup.files.js';

const tags = ['reports'];

const routes: FastifyPluginAsyncZod = async (app) => {
  // the reports' own pool: a long export never holds up a step being written
  const db = app.database.reports;
  /** the query with its area narrowed to the caller's scope (404 outside it) */
  const narrowed = async <Q extends { area?: string }>(req: { query: Q } & Parameters<typeof actorOf>[0]) => {
    const area = await reportArea(db, actorOf(req), req.query.area);
    return { query: { ...req.query, area: area?.code ?? null }, area };
  };

  app.get('/api/reports/summary', { schema: { tags, querystring: SummaryQuery, response: { 200: SummaryReport } } }, async (req) =>
    summaryReport(db, (await narrowed(req)).query),
  );

  app.get('/api/reports/laggards', { schema: { tags, querystring: LaggardsQuery, response: { 200: LaggardsReport } } }, async (req) =>
    laggardsReport(db, (await narrowed(req)).query),
  );

  app.get('/api/reports/laggards.csv', { schema: { tags, querystring: LaggardFilter } }, async (req, reply) => {
    const { ctx, items } = await laggardsForExport(db, (await narrowed(req)).query);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', laggardsAttachment(ctx.asOf, 'csv'))
      .send(laggardsCsv(items, ctx.rules.timezone));
  });

  app.get('/api/reports/laggards.xlsx', { schema: { tags, querystring: LaggardFilter } }, async (req, reply) => {
    const { query, area } = await narrowed(req);
    const { ctx, items } = await laggardsForExport(db, query);
    return reply
      .type(XLSX_MIME)
      .header('content-disposition', laggardsAttachment(ctx.asOf, 'xlsx'))
      .send(laggardsXlsx(items, { ...req.query, asOf: ctx.asOf, areaName: area?.name }, ctx.rules.timezone));
  });

  app.get('/api/reports/trend', { schema: { tags, querystring: TrendQuery, response: { 200: TrendReport } } }, async (req) =>
    trendReport(db, (await narrowed(req)).query),
  );

  app.get('/api/reports/reasons', { schema: { tags, querystring: ReasonsQuery, response: { 200: ReasonsReport } } }, async (req) => {
    const { query } = await narrowed(req);
    return reasonsReport(db, query.asOf, query.area);
  });

  // the roll-up: the children of `parent` (default: the caller's scope) side by side, ranked
  const rollup = async (req: { query: RollupQuery } & Parameters<typeof actorOf>[0]) =>
    rollupReport(db, await reportArea(db, actorOf(req), req.query.parent), req.query.asOf);
  app.get('/api/reports/areas', { schema: { tags, querystring: RollupQuery, response: { 200: RollupResponse } } }, async (req) => rollup(req));
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/api/reports/areas.${format}`, { schema: { tags, querystring: RollupQuery } }, async (req, reply) => {
      const report = await rollup(req);
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME)
        .header('content-disposition', rollupAttachment(report, format))
        .send(format === 'csv' ? rollupCsv(report) : rollupXlsx(report));
    });
  }
};
export default routes;

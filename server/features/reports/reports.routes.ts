// GET /api/reports/*: summary, laggards (JSON, CSV, XLSX), trend, reasons. Office and viewer.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AsOfQuery,
  LaggardFilter,
  LaggardsQuery,
  LaggardsReport,
  ReasonsReport,
  SummaryQuery,
  SummaryReport,
  TrendQuery,
  TrendReport,
} from '../../../shared/schemas/reports.js';
import { attachment, laggardsCsv, laggardsXlsx, XLSX_MIME } from './reports.files.js';
import { laggardsForExport, laggardsReport, reasonsReport, summaryReport, trendReport } from './reports.service.js';

const tags = ['reports'];

const routes: FastifyPluginAsyncZod = async (app) => {
  // the reports' own pool: a long export never holds up a step being written
  const db = app.database.reports;

  app.get('/api/reports/summary', { schema: { tags, querystring: SummaryQuery, response: { 200: SummaryReport } } }, async (req) =>
    summaryReport(db, req.query),
  );

  app.get('/api/reports/laggards', { schema: { tags, querystring: LaggardsQuery, response: { 200: LaggardsReport } } }, async (req) =>
    laggardsReport(db, req.query),
  );

  app.get('/api/reports/laggards.csv', { schema: { tags, querystring: LaggardFilter } }, async (req, reply) => {
    const { ctx, items } = await laggardsForExport(db, req.query);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', attachment(ctx.asOf, 'csv'))
      .send(laggardsCsv(items, ctx.rules.timezone));
  });

  app.get('/api/reports/laggards.xlsx', { schema: { tags, querystring: LaggardFilter } }, async (req, reply) => {
    const { ctx, items } = await laggardsForExport(db, req.query);
    return reply
      .type(XLSX_MIME)
      .header('content-disposition', attachment(ctx.asOf, 'xlsx'))
      .send(laggardsXlsx(items, ctx.asOf, ctx.rules.timezone));
  });

  app.get('/api/reports/trend', { schema: { tags, querystring: TrendQuery, response: { 200: TrendReport } } }, async (req) =>
    trendReport(db, req.query),
  );

  app.get('/api/reports/reasons', { schema: { tags, querystring: AsOfQuery, response: { 200: ReasonsReport } } }, async (req) =>
    reasonsReport(db, req.query.asOf),
  );
};
export default routes;

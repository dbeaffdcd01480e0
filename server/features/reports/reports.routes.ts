// GET /api/reports/*: summary, laggards (JSON, CSV, XLSX), trend, reasons. Office and viewer.
// GET /api/units.csv|.xlsx: the full units list as files, for the readers of GET /api/units.
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
import { laggardsAttachment, laggardsCsv, laggardsXlsx, XLSX_MIME } from './reports.files.js';
import { today } from '../../../shared/domain/dates.js';
import { UnitListQuery } from '../../../shared/schemas/units.js';
import { readSettings } from '../settings/settings.repository.js';
import { actorOf } from '../../lib/actor.js';
import { unitsAttachment, unitsCsv, unitsForExport, unitsXlsx } from './units-export.js';
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
      .header('content-disposition', laggardsAttachment(ctx.asOf, 'csv'))
      .send(laggardsCsv(items, ctx.rules.timezone));
  });

  app.get('/api/reports/laggards.xlsx', { schema: { tags, querystring: LaggardFilter } }, async (req, reply) => {
    const { ctx, items } = await laggardsForExport(db, req.query);
    return reply
      .type(XLSX_MIME)
      .header('content-disposition', laggardsAttachment(ctx.asOf, 'xlsx'))
      .send(laggardsXlsx(items, { ...req.query, asOf: ctx.asOf }, ctx.rules.timezone));
  });

  // the same filters as GET /api/units (page and pageSize are ignored: the file has every unit)
  const unitsFile = (format: 'csv' | 'xlsx') =>
    app.get(`/api/units.${format}`, { schema: { tags: ['units'], querystring: UnitListQuery } }, async (req, reply) => {
      const { page: _page, pageSize: _size, ...filter } = req.query;
      const { timezone } = await readSettings(db);
      const rows = await unitsForExport(db, actorOf(req), filter);
      const day = today(timezone);
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME)
        .header('content-disposition', unitsAttachment(day, format))
        .send(format === 'csv' ? unitsCsv(rows, timezone) : unitsXlsx(rows, day, timezone));
    });
  unitsFile('csv');
  unitsFile('xlsx');

  app.get('/api/reports/trend', { schema: { tags, querystring: TrendQuery, response: { 200: TrendReport } } }, async (req) =>
    trendReport(db, req.query),
  );

  app.get('/api/reports/reasons', { schema: { tags, querystring: AsOfQuery, response: { 200: ReasonsReport } } }, async (req) =>
    reasonsReport(db, req.query.asOf),
  );
};
export default routes;

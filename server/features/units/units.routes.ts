// The units: HTTP only; the rules (scope, county, technician) are in units.service.ts, the files
// in units-export.ts.
import type { FastifyInstance } from 'fastify';
import { readSettings } from '../../../db/queries/settings.js';
import { unitsApi } from '../../../shared/api/units.js';
import { today } from '../../../shared/domain/dates.js';
import { actorOf } from '../../lib/actor.js';
import { route } from '../../lib/route.js';
import { XLSX_MIME } from '../../lib/sheet.js';
import { unitsAttachment, unitsCsv, unitsForExport, unitsXlsx } from './units-export.js';
import * as units from './units.service.js';

export default async function unitsRoutes(app: FastifyInstance) {
  const { db } = app.database;

  route(app, unitsApi.create, async (req, reply) => reply.code(201).send({ unit: await units.createUnit(db, actorOf(req), req.body) }));
  route(app, unitsApi.list, async (req) => units.listUnitsFor(db, actorOf(req), req.query));
  route(app, unitsApi.assign, async (req) => units.assign(db, actorOf(req), req.body));
  route(app, unitsApi.get, async (req) => ({ unit: await units.getUnit(db, actorOf(req), req.params.id) }));
  route(app, unitsApi.patch, async (req) => ({ unit: await units.patchUnit(db, actorOf(req), req.params.id, req.body) }));

  // the full list as files, from the reports' own pool: a long export never holds up a step being written
  const reports = app.database.reports;
  for (const format of ['csv', 'xlsx'] as const) {
    route(app, unitsApi[format], async (req, reply) => {
      const { page: _page, pageSize: _size, ...filter } = req.query;
      const { timezone } = await readSettings(reports);
      const rows = await unitsForExport(reports, actorOf(req), filter);
      const day = today(timezone);
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME)
        .header('content-disposition', unitsAttachment(day, format))
        .send(format === 'csv' ? unitsCsv(rows, timezone) : unitsXlsx(rows, day, timezone));
    });
  }
}

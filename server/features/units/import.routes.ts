// POST /api/units/import: a CSV or XLSX file of units, all or nothing; and the template files.
// HTTP only: the file's bytes are read here, the rules are import.service.ts's.
import type { FastifyInstance } from 'fastify';
import { unitsApi } from '../../../shared/api/units.js';
import { actorOf } from '../../lib/actor.js';
import { fail } from '../../lib/errors.js';
import { route } from '../../lib/route.js';
import { parseCsv, parseXlsx, XLSX_TYPE } from './import.parse.js';
import { importUnits } from './import.service.js';
import { templateCsv, templateXlsx } from './import.template.js';

export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

export default async function importRoutes(app: FastifyInstance) {
  const { db } = app.database;
  // only this route takes files: elsewhere a CSV body is refused. CSV arrives as bytes: its
  // encoding is detected (import.decode.ts), not assumed.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));

  route(
    app,
    unitsApi.import,
    async (req) => {
      const body: unknown = req.body;
      if (!Buffer.isBuffer(body)) throw fail.validation('send the file as text/csv or as an .xlsx workbook', [{ field: 'content-type', message: 'text/csv or xlsx' }]);
      const isXlsx = (req.headers['content-type'] ?? '').startsWith(XLSX_TYPE);
      const parsed = isXlsx ? await parseXlsx(body) : await parseCsv(body);
      const confirmNames = new Set((req.query?.confirmNames ?? '').split(',').filter(Boolean).map(Number));
      return importUnits(db, actorOf(req), parsed, { dryRun: req.query?.dryRun === true, confirmNames });
    },
    { bodyLimit: IMPORT_BODY_LIMIT },
  );

  // Blank files with the headings the import reads, for a clerk to fill in (CSV with a BOM, so
  // that Excel opens it as UTF-8; the workbook with a sheet that explains the columns).
  const download = (name: string) => `attachment; filename="units-template.${name}"; filename*=UTF-8''${encodeURIComponent(`单位导入模板.${name}`)}`;
  route(app, unitsApi.importTemplateCsv, async (_req, reply) =>
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', download('csv')).send(templateCsv()),
  );
  route(app, unitsApi.importTemplateXlsx, async (_req, reply) =>
    reply.header('content-type', XLSX_TYPE).header('content-disposition', download('xlsx')).send(await templateXlsx()),
  );
}

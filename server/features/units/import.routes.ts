// POST /api/units/import: a CSV or XLSX file of units, all or nothing; and the template files.
// HTTP only: the file's bytes are read here, the rules are import.service.ts's.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ImportQuery, ImportResult } from '../../../shared/schemas/units.js';
import { actorOf } from '../../lib/actor.js';
import { fail } from '../../lib/errors.js';
import { parseCsv, parseXlsx, XLSX_TYPE } from './import.parse.js';
import { importUnits } from './import.service.js';
import { templateCsv, templateXlsx } from './import.template.js';

export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  // only this route takes files: elsewhere a CSV body is refused. CSV arrives as bytes: its
  // encoding is detected (import.decode.ts), not assumed.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));

  app.post(
    '/api/units/import',
    { bodyLimit: IMPORT_BODY_LIMIT, schema: { tags: ['units'], querystring: ImportQuery, response: { 200: ImportResult } } },
    async (req) => {
      const body = req.body as unknown;
      if (!Buffer.isBuffer(body)) throw fail.validation('send the file as text/csv or as an .xlsx workbook', [{ field: 'content-type', message: 'text/csv or xlsx' }]);
      const isXlsx = (req.headers['content-type'] ?? '').startsWith(XLSX_TYPE);
      const parsed = isXlsx ? await parseXlsx(body) : await parseCsv(body);
      return importUnits(db, actorOf(req), parsed, { dryRun: req.query.dryRun === true });
    },
  );

  // Blank files with the headings the import reads, for a clerk to fill in (CSV with a BOM, so
  // that Excel opens it as UTF-8; the workbook with a sheet that explains the columns).
  const download = (name: string) => `attachment; filename="units-template.${name}"; filename*=UTF-8''${encodeURIComponent(`单位导入模板.${name}`)}`;
  app.get('/api/units/import/template.csv', { schema: { tags: ['units'], produces: ['text/csv'] } }, async (_req, reply) =>
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', download('csv')).send(templateCsv()),
  );
  app.get('/api/units/import/template.xlsx', { schema: { tags: ['units'], produces: [XLSX_TYPE] } }, async (_req, reply) =>
    reply.header('content-type', XLSX_TYPE).header('content-disposition', download('xlsx')).send(await templateXlsx()),
  );
};
export default routes;

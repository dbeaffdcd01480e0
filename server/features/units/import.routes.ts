// POST /api/units/import: a CSV or XLSX file of units, all or nothing.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { units, users } from '../../../db/schema/index.js';
import { initialProgress } from '../../../shared/domain/progress.js';
import { usernameKey } from '../../../shared/domain/usernames.js';
import { ImportQuery, ImportResult, UnitFields, type ImportIssue } from '../../../shared/schemas/units.js';
import { recordAudit } from '../../lib/audit.js';
import { fail } from '../../lib/errors.js';
import { parseCsv, parseXlsx, XLSX_TYPE, type ImportField } from './import.parse.js';
import { progressColumns } from './units.repository.js';

export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;
const BATCH = 1000;
const REQUIRED = ['code', 'name', 'kind'] as const;

/** The username keys (shared/domain/usernames.ts) of active technicians among `names`, to their ids. */
async function technicianIds(db: DbOrTx, names: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(names.filter((n): n is string => Boolean(n)).map(usernameKey))];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: users.id, key: users.usernameKey })
    .from(users)
    .where(and(inArray(users.usernameKey, wanted), eq(users.role, 'technician'), eq(users.disabled, false)));
  return new Map(rows.map((r) => [r.key, r.id]));
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  // only this route takes files: elsewhere a CSV body is refused
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));

  app.post(
    '/api/units/import',
    { bodyLimit: IMPORT_BODY_LIMIT, schema: { tags: ['units'], querystring: ImportQuery, response: { 200: ImportResult } } },
    async (req) => {
      const body = req.body as unknown;
      const file = Buffer.isBuffer(body) ? await parseXlsx(body) : typeof body === 'string' ? parseCsv(body) : null;
      if (!file) throw fail.validation('send the file as text/csv or as an .xlsx workbook', [{ field: 'content-type', message: 'text/csv or xlsx' }]);

      const issues: ImportIssue[] = [...file.issues];
      const valid: { row: number; fields: ReturnType<typeof UnitFields.parse> & { assigneeId?: string | null } }[] = [];
      const firstRowOf = new Map<string, number>();
      // a file that could not be read cleanly (its header, text that cannot be stored) is not looked up
      if (issues.length === 0) {
        const technicians = await technicianIds(db, file.rows.map((r) => r.values.assignee));
        if (file.rows.length === 0) issues.push({ row: 2, field: 'file', message: 'the file has no rows under its header' });
        for (const { row, values: raw } of file.rows) {
          const { assignee, ...values } = raw;
          const assigneeId = assignee ? technicians.get(usernameKey(assignee)) : null;
          if (assigneeId === undefined) issues.push({ row, field: 'assignee', message: `no active technician named ${assignee}` });
          const missing = REQUIRED.filter((f) => !values[f]);
          missing.forEach((field) => issues.push({ row, field, message: 'is required' }));
          const parsed = UnitFields.safeParse(values);
          if (!parsed.success) {
            for (const i of parsed.error.issues) {
              const field = String(i.path[0] ?? 'row');
              if (!missing.includes(field as never)) issues.push({ row, field, message: i.message });
            }
            continue;
          }
          const earlier = firstRowOf.get(parsed.data.code);
          if (earlier) issues.push({ row, field: 'code', message: `code ${parsed.data.code} is also on row ${earlier}` });
          else firstRowOf.set(parsed.data.code, row);
          valid.push({ row, fields: file.columns.includes('assignee') ? { ...parsed.data, assigneeId } : parsed.data });
        }
      }
      if (issues.length) {
        issues.sort((a, b) => a.row - b.row);
        throw fail.validation(`${new Set(issues.map((i) => i.row)).size} row(s) have errors; nothing was imported`, issues);
      }

      const codes = valid.map((v) => v.fields.code);
      const existing = new Set<string>();
      for (let i = 0; i < codes.length; i += BATCH) {
        const found = await db.select({ code: units.code }).from(units).where(inArray(units.code, codes.slice(i, i + BATCH)));
        found.forEach((f) => existing.add(f.code));
      }
      const result = { created: codes.length - existing.size, updated: existing.size, dryRun: req.query.dryRun === true };
      if (result.dryRun) return result;

      // Columns missing from the file keep their stored values on update.
      const updatable = file.columns
        .filter((c) => c !== 'code')
        .map((c) => (c === 'assignee' ? 'assigneeId' : c) as Exclude<ImportField, 'code' | 'assignee'> | 'assigneeId');
      const set = Object.fromEntries(updatable.map((c) => [c, sql.raw(`excluded.${units[c].name}`)]));
      await db.transaction(async (tx) => {
        const now = new Date();
        const fresh = progressColumns(initialProgress(now.toISOString()));
        for (let i = 0; i < valid.length; i += BATCH) {
          const values = valid.slice(i, i + BATCH).map((v) => ({ ...v.fields, createdAt: now, updatedAt: now, ...fresh }));
          await tx.insert(units).values(values).onConflictDoUpdate({ target: units.code, set: { ...set, updatedAt: now } });
        }
        await recordAudit(tx, req, 'unit.import', null, { created: result.created, updated: result.updated, ignoredColumns: file.ignored });
      });
      return result;
    },
  );
};
export default routes;

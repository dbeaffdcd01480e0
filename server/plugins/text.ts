// Text the database cannot store, or a workbook's XML cannot carry (storable() in
// shared/schemas/common.ts says which), is refused before validation, wherever it is in a JSON
// body or the query string of an /api route: one check here rather than one per schema field. The import
// file's cells are checked row by row where it is read (features/units/import.parse.ts). Path ids
// are not: an id of any shape that names nothing is a 404 (docs/contract/api.md), and every route checks an
// id's shape before the database sees it.
import fp from 'fastify-plugin';
import { storable, UNSTORABLE_MESSAGE, type FieldIssue } from '../../shared/schemas/common.js';
import { isApi } from '../access.js';
import { fail } from '../lib/errors.js';

const MAX_REPORTED = 10;

/**
 * The paths of the strings (keys or values) in `value` that cannot be stored. A loop rather than
 * recursion: a 1 MiB body may nest arrays 500,000 deep.
 */
function unstorable(value: unknown, prefix: string): string[] {
  const found: string[] = [];
  const pending: [unknown, string][] = [[value, prefix]];
  while (pending.length && found.length < MAX_REPORTED) {
    const [v, path] = pending.pop()!;
    if (typeof v === 'string') {
      if (!storable(v)) found.push(path);
    } else if (Array.isArray(v)) {
      // pushed last first, so that fields are reported in the order of the body
      for (let i = v.length - 1; i >= 0; i--) pending.push([v[i], path ? `${path}.${i}` : String(i)]);
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, x] of Object.entries(v).reverse()) {
        const at = path ? `${path}.${k}` : k;
        if (storable(k)) pending.push([x, at]);
        else found.push(at);
      }
    }
  }
  return found;
}

export default fp(
  async (app) => {
    app.addHook('preValidation', async (req) => {
      const route = req.routeOptions.url;
      if (!route || !isApi(route)) return;
      const fields = [...unstorable(req.query, 'querystring'), ...(typeof req.body === 'string' ? [] : unstorable(req.body, ''))];
      if (!fields.length) return;
      const details: FieldIssue[] = fields.map((field) => ({ field: field || 'body', message: UNSTORABLE_MESSAGE }));
      throw fail.validation(`invalid request: ${details.map((d) => d.field).join(', ')} ${UNSTORABLE_MESSAGE}`, details);
    });
  },
  { name: 'text', dependencies: ['errors'] },
);

// Text the database cannot store is refused before validation, wherever it is in a JSON body or
// the query string: one check here rather than one per schema field. The import file's cells are
// checked row by row where it is read (features/units/import.parse.ts). Path ids are not: an id
// of any shape that names nothing is a 404 (api.md), and every route checks an id's shape first.
import fp from 'fastify-plugin';
import { storable, UNSTORABLE_MESSAGE, type FieldIssue } from '../../shared/schemas/common.js';
import { fail } from '../lib/errors.js';

/** The path of every string (key or value) in `value` that cannot be stored, at most `max`. */
function unstorable(value: unknown, path: string, found: string[], max = 10): string[] {
  if (found.length >= max) return found;
  if (typeof value === 'string') {
    if (!storable(value)) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unstorable(v, path ? `${path}.${i}` : String(i), found, max));
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      if (!storable(k)) found.push(at);
      else unstorable(v, at, found, max);
    }
  }
  return found;
}

export default fp(
  async (app) => {
    app.addHook('preValidation', async (req) => {
      const fields = [
        ...unstorable(req.query, '', []).map((f) => `querystring.${f}`),
        ...(typeof req.body === 'string' ? [] : unstorable(req.body, '', [])),
      ];
      if (!fields.length) return;
      const details: FieldIssue[] = fields.map((field) => ({ field: field || 'body', message: UNSTORABLE_MESSAGE }));
      throw fail.validation(`invalid request: ${details.map((d) => d.field).join(', ')} ${UNSTORABLE_MESSAGE}`, details);
    });
  },
  { name: 'text', dependencies: ['errors'] },
);

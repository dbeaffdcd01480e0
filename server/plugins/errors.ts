// Every error leaves in the contract's body: {"error": {code, message, details?}}.
// Messages are shown only for statuses below 500; nothing leaks a stack or SQL.
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { FastifyError, FastifyReply } from 'fastify';
import type { ErrorCode, FieldIssue } from '../../shared/schemas/common.js';
import { ApiError } from '../lib/errors.js';
import { loggable } from '../logger.js';

export function send(reply: FastifyReply, status: number, code: ErrorCode, message: string, details?: unknown) {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

type Issue = { path?: PropertyKey[]; instancePath?: string; message?: string };

function fieldsOf(issues: Issue[], context?: string): FieldIssue[] {
  return issues.map((i) => {
    const path = i.path?.length ? i.path.map(String).join('.') : (i.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const where = context && context !== 'body' ? `${context}.` : '';
    return { field: `${where}${path}` || context || 'body', message: i.message ?? 'is not valid' };
  });
}

/** The code and message for a 4xx a plugin raised; other statuses are VALIDATION_FAILED. */
const PLUGIN_4XX: Record<number, [ErrorCode, string]> = {
  401: ['UNAUTHENTICATED', 'log in first'],
  403: ['FORBIDDEN', 'this path is not allowed'],
  404: ['NOT_FOUND', 'not found'],
  409: ['CONFLICT', 'the request conflicts with the current state'],
  413: ['PAYLOAD_TOO_LARGE', 'the body is too large'],
  429: ['RATE_LIMITED', 'too many requests'],
};

/** Errors that mean the database is unreachable rather than the request being wrong. */
function isDatabaseDown(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string }; message?: string };
  const code = e?.code ?? e?.cause?.code;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006', '08001'].includes(code ?? '') ||
    /ECONNREFUSED|Connection terminated|CONNECTION_CLOSED|write CONNECTION_ENDED/.test(e?.message ?? '')
  );
}

export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, req, reply) => {
      if (err instanceof ApiError) {
        if (err.status === 429 && err.details && typeof err.details === 'object' && 'retryAfter' in err.details) {
          reply.header('retry-after', String((err.details as { retryAfter: number }).retryAfter));
        }
        return send(reply, err.status, err.code, err.message, err.details);
      }
      if (hasZodFastifySchemaValidationErrors(err)) {
        const details = fieldsOf(err.validation as Issue[], err.validationContext);
        return send(reply, 400, 'VALIDATION_FAILED', `invalid ${err.validationContext ?? 'request'}: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
      }
      switch (err.code) {
        case 'FST_ERR_CTP_INVALID_JSON_BODY':
        case 'FST_ERR_CTP_EMPTY_JSON_BODY':
          return send(reply, 400, 'VALIDATION_FAILED', 'the body is not valid JSON', [{ field: 'body', message: 'not valid JSON' }]);
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
          return send(reply, 413, 'PAYLOAD_TOO_LARGE', 'the body is too large');
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
          return send(reply, 400, 'VALIDATION_FAILED', `content-type ${req.headers['content-type'] ?? '(none)'} is not accepted here`, [{ field: 'content-type', message: 'not accepted' }]);
        case 'FST_ERR_VALIDATION':
          return send(reply, 400, 'VALIDATION_FAILED', err.message, fieldsOf((err.validation ?? []) as Issue[], err.validationContext));
      }
      if (err.statusCode === 429) return send(reply, 429, 'RATE_LIMITED', 'too many requests');
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        // a 4xx from a plugin (the static files refuse /../x with 403): the contract's code for
        // its status, so that a 403 says FORBIDDEN, never VALIDATION_FAILED
        const status = err.statusCode === 415 ? 400 : err.statusCode;
        const [code, message] = PLUGIN_4XX[status] ?? ['VALIDATION_FAILED', 'the request is not valid'];
        return send(reply, status, code, message);
      }
      if (isDatabaseDown(err)) {
        req.log.warn({ err: loggable(err) }, 'database unavailable');
        return send(reply, 503, 'UNAVAILABLE', 'the database is not answering; try again shortly');
      }
      req.log.error({ err: loggable(err) }, 'unhandled error');
      return send(reply, 500, 'INTERNAL', 'something went wrong on the server');
    });
  },
  { name: 'errors' },
);

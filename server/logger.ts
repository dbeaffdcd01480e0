// pino options and one log line per request, with its id; secrets never reach the log.
import { DrizzleQueryError } from 'drizzle-orm';
import { LogController, type FastifyServerOptions } from 'fastify';
import { clientIp } from './lib/ip.js';

const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'sessionToken',
];

export const loggerOptions = (level: string): FastifyServerOptions['logger'] => ({
  level,
  redact: { paths: REDACT, censor: '[redacted]' },
});

/**
 * An error as it may be logged. A failed query's message carries its parameters (a session id,
 * a name, a password hash), and the database quotes the value it choked on: the log keeps the
 * SQL, the database's code and its message with quoted text masked.
 */
export function loggable(err: unknown): unknown {
  if (!(err instanceof DrizzleQueryError)) return err;
  const cause = err.cause as { message?: string; code?: string } | undefined;
  return { type: 'DrizzleQueryError', query: err.query, code: cause?.code, message: cause?.message?.replace(/"[^"]*"/g, '"…"') };
}

/** "incoming request" + "request completed" become one line, written when the answer is sent. */
class OneLinePerRequest extends LogController {
  incomingRequest() {}

  requestCompleted(error: Error | null, request: Parameters<LogController['requestCompleted']>[1], reply: Parameters<LogController['requestCompleted']>[2]) {
    const line = {
      method: request.method,
      // as the client sent it (a malformed %-escape is rewritten before routing, lib/url.ts)
      url: request.originalUrl ?? request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      user: request.user?.id,
      ip: clientIp(request),
    };
    if (error || reply.statusCode >= 500) reply.log.error({ ...line, err: error ? loggable(error) : undefined }, 'request failed');
    else reply.log.info(line, 'request');
  }
}

export const logController = new OneLinePerRequest();

// pino options and one log line per request, with its id; secrets never reach the log.
import { LogController, type FastifyServerOptions } from 'fastify';

export const REDACT = [
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

/** "incoming request" + "request completed" become one line, written when the answer is sent. */
class OneLinePerRequest extends LogController {
  incomingRequest() {}

  requestCompleted(error: Error | null, request: Parameters<LogController['requestCompleted']>[1], reply: Parameters<LogController['requestCompleted']>[2]) {
    const line = {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      user: request.user?.id,
      ip: request.ip,
    };
    if (error || reply.statusCode >= 500) reply.log.error({ ...line, err: error ?? undefined }, 'request failed');
    else reply.log.info(line, 'request');
  }
}

export const logController = new OneLinePerRequest();

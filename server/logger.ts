// pino options: one line per request with its id; secrets never reach the log.
import type { FastifyServerOptions } from 'fastify';

export const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
];

export const loggerOptions = (level: string): FastifyServerOptions['logger'] => ({
  level,
  redact: { paths: REDACT, censor: '[redacted]' },
});

// The one kind of error a route throws on purpose; the error plugin turns it into the
// contract's body. Anything else is a 500 with a generic message.
import type { ErrorCode, FieldIssue } from '../../shared/schemas/common.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const fail = {
  validation: (message: string, details: FieldIssue[] | unknown) => new ApiError(400, 'VALIDATION_FAILED', message, details),
  unauthenticated: (message = 'log in first') => new ApiError(401, 'UNAUTHENTICATED', message),
  forbidden: (message = 'your role may not do this') => new ApiError(403, 'FORBIDDEN', message),
  notFound: (what: string) => new ApiError(404, 'NOT_FOUND', `${what} not found`),
  conflict: (message: string, details?: unknown) => new ApiError(409, 'CONFLICT', message, details),
  transition: (message: string, details?: unknown) => new ApiError(409, 'INVALID_TRANSITION', message, details),
  rateLimited: (message: string, retryAfter: number) => new ApiError(429, 'RATE_LIMITED', message, { retryAfter }),
  unavailable: () => new ApiError(503, 'UNAVAILABLE', 'the database is not answering; try again shortly'),
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids are UUIDs inside; an id of any other shape names nothing (404), never a 400. */
export const isUuid = (id: string) => UUID.test(id);

/** PostgreSQL's unique_violation, on either driver. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = (err as { cause?: unknown })?.cause ?? err;
  const pg = e as { code?: string; constraint_name?: string; constraint?: string };
  if (pg?.code !== '23505') return false;
  return !constraint || pg.constraint_name === constraint || pg.constraint === constraint;
}

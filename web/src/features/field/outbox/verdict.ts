// How the outbox reads a failed send: whether asking again could help, and what to tell the user
// while it waits. A refusal (4xx) will not change by asking again; a network or server failure may.
import { isApiError } from '../../../shared/api/http.js';

/** What to do after a failed send: try again later, give up for good, or wait for a new login. */
export type Verdict = 'retry' | 'refused' | 'paused';

export function classify(error: unknown): Verdict {
  if (!isApiError(error)) return 'retry';
  if (error.status === 0 || error.code === 'NETWORK') return 'retry';
  if (error.status === 401) return 'paused';
  // the server was down or busy: the same request may well succeed later
  if (error.status >= 500 || error.status === 429 || error.status === 408) return 'retry';
  // 400, 403, 404, 409, 413: the answer will not change by asking again
  return 'refused';
}

/** Why a send that will be retried did not go through, in words the outbox can show. */
export type FailureKind = 'timeout' | 'network' | 'server';

export function failureKind(error: unknown, timedOut: boolean): FailureKind {
  if (timedOut) return 'timeout';
  if (isApiError(error) && error.status >= 500) return 'server';
  return 'network';
}

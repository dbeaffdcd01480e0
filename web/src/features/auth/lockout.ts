// How long a refused login must wait, from the 429's details (whole minutes, at least one).
import { isApiError } from '../../shared/api/http.js';

export function lockoutMinutes(error: unknown): number | undefined {
  if (!isApiError(error) || error.status !== 429) return undefined;
  const seconds = (error.details as { retryAfter?: unknown } | undefined)?.retryAfter;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds / 60) : undefined;
}

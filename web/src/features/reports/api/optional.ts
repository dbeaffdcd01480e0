// The report routes are newer than the dashboard: a 404 means "not there yet", shown as an empty state.
import { ApiError, request } from '../../../shared/api/http.js';

export async function optionalReport<T>(path: string, signal?: AbortSignal): Promise<T | null> {
  try {
    return await request<T>(path, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

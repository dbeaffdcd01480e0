// GET /api/auth/me: the signed-in user, or null when nobody is (a 401 is an answer here, not an error).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { authApi } from '../../../../../shared/api/auth.js';
import type { SessionUser } from '../../../../../shared/schemas/index.js';
import { call } from '../../../shared/api/call.js';
import { ApiError } from '../../../shared/api/http.js';

export const meKey = ['me'] as const;

export async function fetchMe(signal?: AbortSignal): Promise<SessionUser | null> {
  try {
    const { user } = await call(authApi.me, { signal });
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const meQueryOptions = () =>
  queryOptions({ queryKey: meKey, queryFn: ({ signal }) => fetchMe(signal), staleTime: 60_000 });

export const useMe = () => useQuery(meQueryOptions());

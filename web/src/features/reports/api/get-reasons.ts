// GET /api/reports/reasons: how often each excuse was given, most frequent first.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { request, toQuery } from '../../../shared/api/http.js';
import { reportKeys } from './keys.js';
import type { ReasonsReport } from './types.js';

export const reasonsQueryOptions = (asOf?: string) =>
  queryOptions({
    queryKey: reportKeys.reasons(asOf),
    queryFn: async ({ signal }) => {
      const body = await request<ReasonsReport>(`/api/reports/reasons${toQuery({ asOf })}`, { signal });
      return [...body.items].sort((a, b) => b.count - a.count);
    },
  });

export const useReasons = (asOf?: string) => useQuery(reasonsQueryOptions(asOf));

// GET /api/reports/reasons: how often each excuse was given, most frequent first.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { reportsApi } from '../../../../../shared/api/reports.js';
import { call } from '../../../shared/api/call.js';
import { reportKeys } from './keys.js';

export const reasonsQueryOptions = (asOf?: string, area?: string | null) =>
  queryOptions({
    queryKey: [...reportKeys.reasons(asOf), area ?? null],
    queryFn: async ({ signal }) => {
      const body = await call(reportsApi.reasons, { query: { asOf, area }, signal });
      return [...body.items].sort((a, b) => b.count - a.count);
    },
  });

export const useReasons = (asOf?: string, area?: string | null) => useQuery(reasonsQueryOptions(asOf, area));

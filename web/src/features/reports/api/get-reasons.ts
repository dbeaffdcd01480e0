// GET /api/reports/reasons: how often each excuse was given, most frequent first.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { toQuery } from '../../../shared/api/http.js';
import { reportKeys } from './keys.js';
import { optionalReport } from './optional.js';
import type { ReasonsReport } from './types.js';

export const reasonsQueryOptions = (asOf?: string) =>
  queryOptions({
    queryKey: reportKeys.reasons(asOf),
    queryFn: async ({ signal }) => {
      const body = await optionalReport<ReasonsReport>(`/api/reports/reasons${toQuery({ asOf })}`, signal);
      return body ? [...(body.items ?? [])].sort((a, b) => b.count - a.count) : null;
    },
  });

export const useReasons = (asOf?: string) => useQuery(reasonsQueryOptions(asOf));

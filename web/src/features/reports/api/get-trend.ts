// GET /api/reports/trend?from=&to=: per day, how many units have each stage done by its end.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { reportsApi } from '../../../../../shared/api/reports.js';
import { call } from '../../../shared/api/call.js';
import { reportKeys } from './keys.js';

export const trendQueryOptions = (from: string, to: string, area?: string | null) =>
  queryOptions({
    queryKey: [...reportKeys.trend(from, to), area ?? null],
    queryFn: ({ signal }) => call(reportsApi.trend, { query: { from, to, area }, signal }).then((body) => body.items),
  });

export const useTrend = (from: string, to: string, area?: string | null) => useQuery(trendQueryOptions(from, to, area));

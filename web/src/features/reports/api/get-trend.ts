// GET /api/reports/trend?from=&to=: per day, how many units have each stage done by its end.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { request, toQuery } from '../../../shared/api/http.js';
import { reportKeys } from './keys.js';
import type { TrendReport } from './types.js';

export const trendQueryOptions = (from: string, to: string, area?: string | null) =>
  queryOptions({
    queryKey: [...reportKeys.trend(from, to), area ?? null],
    queryFn: ({ signal }) => request<TrendReport>(`/api/reports/trend${toQuery({ from, to, area })}`, { signal }).then((body) => body.items),
  });

export const useTrend = (from: string, to: string, area?: string | null) => useQuery(trendQueryOptions(from, to, area));

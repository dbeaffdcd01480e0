// GET /api/reports/summary, for all units or for those a bulletin covers (kind, parent code, search).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { request, toQuery } from '../../../shared/api/http.js';
import { reportKeys } from './keys.js';
import type { Summary, SummaryScope } from './types.js';

export const summaryQueryOptions = (scope: SummaryScope = {}) =>
  queryOptions({
    queryKey: reportKeys.summary(scope),
    queryFn: ({ signal }) => request<Summary>(`/api/reports/summary${toQuery({ ...scope })}`, { signal }),
  });

export const useSummary = (scope: SummaryScope = {}) => useQuery(summaryQueryOptions(scope));

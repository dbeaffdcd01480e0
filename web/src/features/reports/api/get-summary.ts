// GET /api/reports/summary, for all units or for those a bulletin covers (kind, parent code, search).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { reportsApi } from '../../../../../shared/api/reports.js';
import { call } from '../../../shared/api/call.js';
import { reportKeys } from './keys.js';
import type { SummaryScope } from './types.js';

export const summaryQueryOptions = (scope: SummaryScope = {}) =>
  queryOptions({
    queryKey: reportKeys.summary(scope),
    queryFn: ({ signal }) => call(reportsApi.summary, { query: scope, signal }),
  });

export const useSummary = (scope: SummaryScope = {}) => useQuery(summaryQueryOptions(scope));

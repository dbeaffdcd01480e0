// GET /api/reports/summary
import { queryOptions, useQuery } from '@tanstack/react-query';
import { toQuery } from '../../../shared/api/http.js';
import { reportKeys } from './keys.js';
import { optionalReport } from './optional.js';
import type { Summary } from './types.js';

export const summaryQueryOptions = (asOf?: string) =>
  queryOptions({
    queryKey: reportKeys.summary(asOf),
    queryFn: ({ signal }) => optionalReport<Summary>(`/api/reports/summary${toQuery({ asOf })}`, signal),
  });

export const useSummary = (asOf?: string) => useQuery(summaryQueryOptions(asOf));

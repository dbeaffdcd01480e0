// GET /api/reports/due-soon: the units not yet late whose next due date is within `days`.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { reportsApi } from '../../../../../shared/api/reports.js';
import { call } from '../../../shared/api/call.js';

export const DUE_SOON_PAGE_SIZE = 50;

export interface DueSoonFilters {
  area?: string;
  days?: string;
  page?: string;
}

export const dueSoonQueryOptions = (f: DueSoonFilters) =>
  queryOptions({
    queryKey: ['reports', 'due-soon', f] as const,
    queryFn: ({ signal }) =>
      call(reportsApi.dueSoon, { query: { area: f.area, days: f.days, page: f.page, pageSize: String(DUE_SOON_PAGE_SIZE) }, signal }),
    placeholderData: keepPreviousData,
  });

export const useDueSoon = (f: DueSoonFilters) => useQuery(dueSoonQueryOptions(f));

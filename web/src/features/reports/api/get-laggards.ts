// GET /api/reports/laggards (paged), all pages for the bulletin, and links to the CSV and XLSX files.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { reportsApi } from '../../../../../shared/api/reports.js';
import { call, urlOf } from '../../../shared/api/call.js';
import { reportKeys } from './keys.js';
import type { Laggard, LaggardFilters } from './types.js';

export const LAGGARDS_PAGE_SIZE = 50;

const FILTER_KEYS = ['asOf', 'kind', 'category', 'parentCode', 'q', 'urged', 'area', 'page'] as const;

/** The board's filters from its address (the route has checked them against the API's schema). */
export function laggardFiltersFrom(search: LaggardFilters): LaggardFilters {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = search[key];
    if (value) out[key] = value;
  }
  return out as LaggardFilters;
}
const ALL_PAGE_SIZE = 500;

/** The report's filters, the search included (the server searches every page); the page is the caller's. */
const reportFilters = ({ page: _page, ...rest }: LaggardFilters) => rest;

export const laggardsQueryOptions = (filters: LaggardFilters) =>
  queryOptions({
    queryKey: reportKeys.laggards(filters),
    queryFn: ({ signal }) =>
      call(reportsApi.laggards, { query: { ...reportFilters(filters), page: filters.page, pageSize: LAGGARDS_PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });

export const useLaggards = (filters: LaggardFilters) => useQuery(laggardsQueryOptions(filters));

/** Every laggard under the filters, page after page: a bulletin lists them all. */
export const allLaggardsQueryOptions = (filters: LaggardFilters) =>
  queryOptions({
    queryKey: [...reportKeys.laggards(reportFilters(filters)), 'all'] as const,
    queryFn: async ({ signal }) => {
      const items: Laggard[] = [];
      for (let page = 1; ; page++) {
        const body = await call(reportsApi.laggards, { query: { ...reportFilters(filters), page, pageSize: ALL_PAGE_SIZE }, signal });
        items.push(...body.items);
        if (body.items.length < ALL_PAGE_SIZE || items.length >= body.total) return { ...body, items };
      }
    },
  });

export const useAllLaggards = (filters: LaggardFilters) => useQuery(allLaggardsQueryOptions(filters));

export const laggardsFileUrl = (format: 'csv' | 'xlsx', filters: LaggardFilters) =>
  urlOf(format === 'csv' ? reportsApi.laggardsCsv : reportsApi.laggardsXlsx, { query: reportFilters(filters) });

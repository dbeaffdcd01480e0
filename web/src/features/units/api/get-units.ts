// GET /api/units: one page of units with their progress, filtered on the server.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { unitsApi } from '../../../../../shared/api/units.js';
import type { UnitList } from '../../../../../shared/schemas/units.js';
import { call } from '../../../shared/api/call.js';
import { unitKeys, type UnitFilters } from './keys.js';

export type UnitPage = UnitList;

const PAGE_SIZE = 50;
const FILTER_KEYS = ['q', 'kind', 'stage', 'status', 'onboarded', 'parentCode', 'assignee', 'area'] as const;

/** The list's filters from its address (the route has checked them against the API's schema). */
export function unitFiltersFrom(search: Partial<Record<string, string>>): UnitFilters {
  const filters: UnitFilters = { page: Math.max(1, Number(search.page) || 1), pageSize: PAGE_SIZE };
  for (const key of FILTER_KEYS) {
    const value = search[key];
    if (value) filters[key] = value;
  }
  return filters;
}

export const unitsQueryOptions = (filters: UnitFilters) =>
  queryOptions({
    queryKey: unitKeys.list(filters),
    queryFn: ({ signal }) => call(unitsApi.list, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });

/** A technician's own units, all of them: their home page, and what the device keeps for offline. */
export const myUnitsQueryOptions = () => unitsQueryOptions({ assignee: 'me', pageSize: 500 });

export const useUnits = (filters: UnitFilters) => useQuery(unitsQueryOptions(filters));

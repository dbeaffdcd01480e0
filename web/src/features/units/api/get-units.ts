// GET /api/units: one page of units with their progress, filtered on the server.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Unit } from '../../../../../shared/schemas/index.js';
import { request, toQuery } from '../../../shared/api/http.js';
import { unitKeys, type UnitFilters } from './keys.js';

export interface UnitPage {
  items: Unit[];
  total: number;
  page: number;
  pageSize: number;
}

export const unitsQueryOptions = (filters: UnitFilters) =>
  queryOptions({
    queryKey: unitKeys.list(filters),
    queryFn: ({ signal }) => request<UnitPage>(`/api/units${toQuery({ ...filters })}`, { signal }),
    placeholderData: keepPreviousData,
  });

export const useUnits = (filters: UnitFilters) => useQuery(unitsQueryOptions(filters));

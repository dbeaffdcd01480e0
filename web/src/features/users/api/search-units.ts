// GET /api/units?q=: the few units matching what the office typed, to bind a unit contact to one.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Unit } from '../../../../../shared/schemas/index.js';
import { request, toQuery } from '../../../shared/api/http.js';

export function useUnitSearch(q: string) {
  const filters = { q: q.trim(), pageSize: 20, page: 1 };
  return useQuery({
    // the units feature's list key: a change to units refreshes this too
    queryKey: ['units', 'list', filters],
    queryFn: ({ signal }) => request<{ items: Unit[]; total: number }>(`/api/units${toQuery(filters)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

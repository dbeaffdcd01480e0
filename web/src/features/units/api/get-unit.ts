// GET /api/units/:id
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Unit } from '../../../../../shared/schemas/index.js';
import { request } from '../../../shared/api/http.js';
import { unitKeys } from './keys.js';

export const unitQueryOptions = (id: string) =>
  queryOptions({
    queryKey: unitKeys.detail(id),
    queryFn: ({ signal }) => request<{ unit: Unit }>(`/api/units/${encodeURIComponent(id)}`, { signal }).then((r) => r.unit),
  });

export const useUnit = (id: string) => useQuery(unitQueryOptions(id));

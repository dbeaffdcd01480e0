// GET /api/units/:id
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Unit, UnitDetail } from '../../../../../shared/schemas/index.js';
import { request } from '../../../shared/api/http.js';
import { unitKeys } from './keys.js';

/** A unit as its own page reads it; an answer cached before the server sent `laggard` and `assignee` lacks them. */
export type UnitRead = Unit & Partial<Pick<UnitDetail, 'laggard' | 'assignee'>>;

export const unitQueryOptions = (id: string) =>
  queryOptions({
    queryKey: unitKeys.detail(id),
    queryFn: ({ signal }) => request<{ unit: UnitRead }>(`/api/units/${encodeURIComponent(id)}`, { signal }).then((r) => r.unit),
  });

export const useUnit = (id: string) => useQuery(unitQueryOptions(id));

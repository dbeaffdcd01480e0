// GET /api/units/:id/events: the unit's steps, oldest first.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Step } from '../../../../../shared/schemas/index.js';
import { request } from '../../../shared/api/http.js';
import { unitKeys } from './keys.js';

export const unitEventsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: unitKeys.events(id),
    queryFn: async ({ signal }) => {
      // a unit has tens of steps: one page of the largest size holds them all
      const body = await request<{ items: Step[] } | Step[]>(`/api/units/${encodeURIComponent(id)}/events?pageSize=500`, { signal });
      return Array.isArray(body) ? body : body.items;
    },
  });

export const useUnitEvents = (id: string) => useQuery(unitEventsQueryOptions(id));

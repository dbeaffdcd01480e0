// GET /api/units/:id/events: the unit's steps, oldest first.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { StepList } from '../../../../../shared/schemas/steps.js';
import { request } from '../../../shared/api/http.js';
import { unitKeys } from './keys.js';

export const unitEventsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: unitKeys.events(id),
    // a unit has tens of steps: one page of the largest size holds them all
    queryFn: ({ signal }) =>
      request<z.infer<typeof StepList>>(`/api/units/${encodeURIComponent(id)}/events?pageSize=500`, { signal }).then((body) => body.items),
  });

export const useUnitEvents = (id: string) => useQuery(unitEventsQueryOptions(id));

// GET /api/units/:id/events: the unit's steps, oldest first.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { stepsApi } from '../../../../../shared/api/steps.js';
import { call } from '../../../shared/api/call.js';
import { unitKeys } from './keys.js';

export const unitEventsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: unitKeys.events(id),
    // a unit has tens of steps: one page of the largest size holds them all
    queryFn: ({ signal }) => call(stepsApi.list, { params: { id }, query: { pageSize: 500 }, signal }).then((body) => body.items),
  });

export const useUnitEvents = (id: string) => useQuery(unitEventsQueryOptions(id));

// GET /api/units/:id: the unit with its laggard flags and its technician's name.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { unitsApi } from '../../../../../shared/api/units.js';
import { call } from '../../../shared/api/call.js';
import { unitKeys } from './keys.js';

export const unitQueryOptions = (id: string) =>
  queryOptions({
    queryKey: unitKeys.detail(id),
    queryFn: ({ signal }) => call(unitsApi.get, { params: { id }, signal }).then((r) => r.unit),
  });

export const useUnit = (id: string) => useQuery(unitQueryOptions(id));

// GET /api/users?role=technician (office): who units can be assigned to.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { User } from '../../../../../shared/schemas/index.js';
import { request } from '../../../shared/api/http.js';

import { userKeys } from '../../users/api/keys.js';

export const techniciansKey = userKeys.technicians;

export const techniciansQueryOptions = () =>
  queryOptions({
    queryKey: techniciansKey,
    queryFn: ({ signal }) =>
      request<{ items: User[] }>('/api/users?role=technician&pageSize=500', { signal }).then((r) => r.items),
    staleTime: 60_000,
  });

export const useTechnicians = (enabled = true) => useQuery({ ...techniciansQueryOptions(), enabled });

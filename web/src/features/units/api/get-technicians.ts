// GET /api/users?role=technician (office): who units can be assigned to.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { usersApi } from '../../../../../shared/api/users.js';
import { call } from '../../../shared/api/call.js';
import { userKeys } from '../../users/index.js';

export const techniciansKey = userKeys.technicians;

export const techniciansQueryOptions = () =>
  queryOptions({
    queryKey: techniciansKey,
    queryFn: ({ signal }) =>
      call(usersApi.list, { query: { role: 'technician', pageSize: 500 }, signal }).then((r) => r.items),
    staleTime: 60_000,
  });

export const useTechnicians = (enabled = true) => useQuery({ ...techniciansQueryOptions(), enabled });

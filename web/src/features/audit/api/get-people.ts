// GET /api/users (office): the accounts the "who" filter offers, by name.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { User } from '../../../../../shared/schemas/index.js';
import { request } from '../../../shared/api/http.js';
import { userKeys } from '../../users/api/keys.js';

export const peopleQueryOptions = () =>
  queryOptions({
    // under the users feature's key, so that a new or renamed account shows here too
    queryKey: userKeys.auditPeople,
    queryFn: ({ signal }) => request<{ items: User[] }>('/api/users?pageSize=500', { signal }).then((r) => r.items),
    staleTime: 60_000,
  });

export const usePeople = () => useQuery(peopleQueryOptions());

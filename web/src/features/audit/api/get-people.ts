// GET /api/users (office): the accounts the "who" filter offers, by name.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { usersApi } from '../../../../../shared/api/users.js';
import { call } from '../../../shared/api/call.js';
import { userKeys } from '../../users/index.js';

export const peopleQueryOptions = () =>
  queryOptions({
    // under the users feature's key, so that a new or renamed account shows here too
    queryKey: userKeys.auditPeople,
    queryFn: ({ signal }) => call(usersApi.list, { query: { pageSize: 500 }, signal }).then((r) => r.items),
    staleTime: 60_000,
  });

export const usePeople = () => useQuery(peopleQueryOptions());

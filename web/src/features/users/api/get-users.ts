// GET /api/users (office)
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { usersApi } from '../../../../../shared/api/users.js';
import { call } from '../../../shared/api/call.js';
import { userKeys } from './keys.js';

export const USERS_PAGE_SIZE = 50;

export const usersQueryOptions = (page: number) =>
  queryOptions({
    queryKey: userKeys.list(page),
    queryFn: ({ signal }) => call(usersApi.list, { query: { page, pageSize: USERS_PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });

export const useUsers = (page: number) => useQuery(usersQueryOptions(page));

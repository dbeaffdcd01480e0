// GET /api/users (office)
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { User } from '../../../../../shared/schemas/index.js';
import { request, toQuery } from '../../../shared/api/http.js';
import { userKeys } from './keys.js';

export interface UserPage {
  items: User[];
  total: number;
  page: number;
  pageSize: number;
}

export const USERS_PAGE_SIZE = 50;

export const usersQueryOptions = (page: number) =>
  queryOptions({
    queryKey: userKeys.list(page),
    queryFn: ({ signal }) => request<UserPage>(`/api/users${toQuery({ page, pageSize: USERS_PAGE_SIZE })}`, { signal }),
    placeholderData: keepPreviousData,
  });

export const useUsers = (page: number) => useQuery(usersQueryOptions(page));

// GET /api/users (office)
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { UserList } from '../../../../../shared/schemas/users.js';
import { request, toQuery } from '../../../shared/api/http.js';
import { userKeys } from './keys.js';

export type UserPage = z.infer<typeof UserList>;

export const USERS_PAGE_SIZE = 50;

export const usersQueryOptions = (page: number) =>
  queryOptions({
    queryKey: userKeys.list(page),
    queryFn: ({ signal }) => request<UserPage>(`/api/users${toQuery({ page, pageSize: USERS_PAGE_SIZE })}`, { signal }),
    placeholderData: keepPreviousData,
  });

export const useUsers = (page: number) => useQuery(usersQueryOptions(page));

// /api/display-links (office): the read-only links a wall display opens /screen with.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { displayApi } from '../../../../../shared/api/display.js';
import type { CreateDisplayLink } from '../../../../../shared/schemas/display.js';
import { call } from '../../../shared/api/call.js';

export const displayKeys = {
  all: ['display-links'] as const,
};

export const displayLinksQueryOptions = () =>
  queryOptions({
    queryKey: displayKeys.all,
    queryFn: ({ signal }) => call(displayApi.list, { signal }).then((r) => r.items),
  });

export const useDisplayLinks = () => useQuery(displayLinksQueryOptions());

/** The answer carries the token: the page shows it once and the cache never keeps it. */
export function useCreateDisplayLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDisplayLink) => call(displayApi.create, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: displayKeys.all }),
  });
}

export function useRevokeDisplayLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(displayApi.revoke, { params: { id } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: displayKeys.all }),
  });
}

// POST /api/bulletins, GET /api/bulletins[/:id]: issued bulletins (通报), stored as issued.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { bulletinsApi } from '../../../../../shared/api/bulletins.js';
import type { IssueBulletin } from '../../../../../shared/schemas/bulletins.js';
import { call } from '../../../shared/api/call.js';

export const bulletinKeys = {
  all: ['bulletins'] as const,
  list: (area: string | null) => ['bulletins', 'list', area] as const,
  one: (id: string) => ['bulletins', 'one', id] as const,
};

export const useBulletins = (area: string | null) =>
  useQuery(queryOptions({ queryKey: bulletinKeys.list(area), queryFn: ({ signal }) => call(bulletinsApi.list, { query: { area: area ?? undefined, pageSize: 100 }, signal }) }));

/** An issued bulletin never changes: read once, kept for the session. */
export const useBulletin = (id: string) =>
  useQuery(queryOptions({ queryKey: bulletinKeys.one(id), queryFn: ({ signal }) => call(bulletinsApi.get, { params: { id }, signal }).then((r) => r.bulletin), staleTime: Infinity }));

export function useIssueBulletin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IssueBulletin) => call(bulletinsApi.issue, { body }).then((r) => r.bulletin),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: bulletinKeys.all }),
  });
}

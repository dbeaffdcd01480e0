// /api/channels (office): the group robots, their test message and their delivery log.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { channelsApi } from '../../../../../shared/api/channels.js';
import type { CreateChannel, UpdateChannel } from '../../../../../shared/schemas/index.js';
import { call } from '../../../shared/api/call.js';

export const notifyKeys = {
  all: ['channels'] as const,
  list: () => [...notifyKeys.all, 'list'] as const,
  deliveries: (id: string) => [...notifyKeys.all, 'deliveries', id] as const,
};

export const channelsQueryOptions = () =>
  queryOptions({
    queryKey: notifyKeys.list(),
    queryFn: ({ signal }) => call(channelsApi.list, { signal }).then((r) => r.items),
  });

export const useChannels = () => useQuery(channelsQueryOptions());

export const DELIVERY_LOG_SIZE = 20;

export const deliveriesQueryOptions = (id: string) =>
  queryOptions({
    queryKey: notifyKeys.deliveries(id),
    queryFn: ({ signal }) => call(channelsApi.deliveries, { params: { id }, query: { limit: DELIVERY_LOG_SIZE }, signal }),
    // a message waiting for its retry changes by itself: look again while any is pending
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === 'pending') ? 5000 : false),
  });

export const useDeliveries = (id: string) => useQuery(deliveriesQueryOptions(id));

export function useSaveChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id?: string; changes: CreateChannel | UpdateChannel }) =>
      id
        ? call(channelsApi.update, { params: { id }, body: changes }).then((r) => r.channel)
        : call(channelsApi.create, { body: changes as CreateChannel }).then((r) => r.channel),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: notifyKeys.all }),
  });
}

export function useSendTest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(channelsApi.test, { params: { id } }).then((r) => r.delivery),
    onSuccess: (_d, id) => void queryClient.invalidateQueries({ queryKey: notifyKeys.deliveries(id) }),
  });
}

// The notices' API (催办): lists, one notice, and the four writes. Keys are exported for the
// pages that show notices beside other things (the unit page, the board).
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { noticesApi } from '../../../../../shared/api/notices.js';
import type { NoticeListQuery } from '../../../../../shared/schemas/notices.js';
export type { BatchAnswer } from '../../../../../shared/schemas/notices.js';
import type { LaggardFilter } from '../../../../../shared/schemas/reports.js';
import { call } from '../../../shared/api/call.js';

export type NoticeFilters = Partial<Omit<NoticeListQuery, 'pageSize'>> & { pageSize?: number };
export type BatchFilters = Omit<LaggardFilter, 'asOf'>;

export const noticeKeys = {
  all: ['notices'] as const,
  list: (f: NoticeFilters) => ['notices', 'list', f] as const,
  one: (id: string) => ['notices', 'one', id] as const,
};

export const noticesQueryOptions = (f: NoticeFilters) =>
  queryOptions({
    queryKey: noticeKeys.list(f),
    queryFn: ({ signal }) => call(noticesApi.list, { query: { pageSize: 50, ...f }, signal }),
    placeholderData: keepPreviousData,
  });

export const useNotices = (f: NoticeFilters, enabled = true) => useQuery({ ...noticesQueryOptions(f), enabled });

export const useNotice = (id: string) =>
  useQuery({ queryKey: noticeKeys.one(id), queryFn: ({ signal }) => call(noticesApi.get, { params: { id }, signal }).then((r) => r.notice) });

/** After any write the lists, the board (its notice columns) and the unit are read again. */
function useInvalidate() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: noticeKeys.all }), client.invalidateQueries({ queryKey: ['reports'] })]);
}

export function useIssueNotice(unitId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { respondBy?: string; note?: string }) =>
      call(noticesApi.issue, { params: { id: unitId }, body }).then((r) => r.notice),
    onSuccess: invalidate,
  });
}

/** The count a batch would issue (a dry run), for the confirmation. */
export const useBatchPreview = (filters: BatchFilters & { target?: 'areas'; parent?: string }, enabled: boolean) =>
  useQuery({
    queryKey: ['notices', 'batch-preview', filters],
    queryFn: () => call(noticesApi.batch, { query: { dryRun: 'true' }, body: filters }),
    enabled,
    gcTime: 0,
  });

export function useIssueBatch() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: BatchFilters & { target?: 'areas'; parent?: string; respondBy?: string; note?: string; expected: number; include?: string[] }) =>
      call(noticesApi.batch, { body }),
    onSuccess: invalidate,
  });
}

export function useAnswerNotice() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, text }: { id: string; text: string }) =>
      call(noticesApi.answer, { params: { id }, body: { text } }).then((r) => r.notice),
    onSuccess: invalidate,
  });
}

export function useWithdrawNotice() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      call(noticesApi.withdraw, { params: { id }, body: { reason } }).then((r) => r.notice),
    onSuccess: invalidate,
  });
}

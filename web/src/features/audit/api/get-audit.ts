// GET /api/audit (office): writes and login attempts, newest first.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '../../../../../shared/schemas/index.js';
import { request, toQuery } from '../../../shared/api/http.js';

export const AUDIT_PAGE_SIZE = 50;

export const auditQueryOptions = (page: number, action?: string) =>
  queryOptions({
    queryKey: ['audit', { page, action }],
    queryFn: ({ signal }) =>
      request<{ items: AuditEntry[]; total: number }>(`/api/audit${toQuery({ page, pageSize: AUDIT_PAGE_SIZE, action })}`, { signal }),
    placeholderData: keepPreviousData,
  });

export const useAudit = (page: number, action?: string) => useQuery(auditQueryOptions(page, action));

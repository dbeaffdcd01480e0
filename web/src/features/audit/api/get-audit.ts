// GET /api/audit (office): writes and login attempts, newest first, filtered as the URL says.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { auditApi } from '../../../../../shared/api/audit.js';
import { call } from '../../../shared/api/call.js';

export const AUDIT_PAGE_SIZE = 50;

/** The log's filters, as the URL and the API name them. */
export const AUDIT_FILTERS = ['group', 'action', 'actorId', 'unit', 'from', 'to'] as const;
export type AuditFilters = Partial<Record<(typeof AUDIT_FILTERS)[number], string>> & { page: number };

export const auditQueryOptions = (filters: AuditFilters) =>
  queryOptions({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) => call(auditApi.list, { query: { ...filters, pageSize: AUDIT_PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });

export const useAudit = (filters: AuditFilters) => useQuery(auditQueryOptions(filters));

// GET /api/reports/areas?parent=&asOf=: an area's children side by side (and the same as files).
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { RollupResponse, RollupRow } from '../../../../../shared/schemas/index.js';
import { reportsApi } from '../../../../../shared/api/reports.js';
import { call, urlOf } from '../../../shared/api/call.js';

export type { RollupResponse, RollupRow };

export const rollupQueryOptions = (parent: string | null, asOf?: string) =>
  queryOptions({
    queryKey: ['reports', 'areas', parent, asOf ?? null] as const,
    queryFn: ({ signal }) => call(reportsApi.areas, { query: { parent, asOf }, signal }),
  });

export const useRollup = (parent: string | null, asOf?: string, enabled = true) => useQuery({ ...rollupQueryOptions(parent, asOf), enabled });

export const rollupFileUrl = (format: 'csv' | 'xlsx', parent: string | null, asOf?: string) =>
  urlOf(format === 'csv' ? reportsApi.areasCsv : reportsApi.areasXlsx, { query: { parent, asOf } });

/**
 * Whether the overview shows the area table. A scoped user always sees its scope's children, empty
 * ones included; for the whole installation, only once some unit sits in an area: an installation
 * that never used areas (every unit unplaced) keeps today's overview.
 */
export const showsAreas = (rows: readonly RollupRow[], scope: string | null) =>
  rows.length > 0 && (scope !== null || rows.some((r) => r.area.level !== 'unplaced' && r.totalUnits > 0));

// GET /api/reports/trend?from=&to=: per day, how many units have each stage done by its end.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { toQuery } from '../../../shared/api/http.js';
import { reportKeys } from './keys.js';
import { optionalReport } from './optional.js';
import type { TrendDay } from './types.js';

type Row = Record<string, unknown>;

/** api.md names the numbers, not the field names: accept the plausible spellings. */
export function normalizeTrend(body: unknown): TrendDay[] {
  const rows: unknown = Array.isArray(body) ? body : ((body as Row | null)?.items ?? (body as Row | null)?.days ?? []);
  if (!Array.isArray(rows)) return [];
  const num = (row: Row, stage: string) => Number(row[stage] ?? row[`${stage}Done`] ?? row[`${stage}_done`] ?? 0) || 0;
  return rows
    .filter((r): r is Row => typeof r === 'object' && r !== null)
    .map((row) => ({
      date: String(row.date ?? row.day ?? ''),
      wiring: num(row, 'wiring'),
      connection: num(row, 'connection'),
      registration: num(row, 'registration'),
    }))
    .filter((d) => d.date);
}

export const trendQueryOptions = (from: string, to: string, area?: string | null) =>
  queryOptions({
    queryKey: [...reportKeys.trend(from, to), area ?? null],
    queryFn: async ({ signal }) => {
      const body = await optionalReport<unknown>(`/api/reports/trend${toQuery({ from, to, area })}`, signal);
      return body === null ? null : normalizeTrend(body);
    },
  });

export const useTrend = (from: string, to: string, area?: string | null) => useQuery(trendQueryOptions(from, to, area));

// GET /api/units/:id for each unit the listed users belong to, to show the unit by its name.
import { useQueries } from '@tanstack/react-query';
import type { Unit } from '../../../../../shared/schemas/index.js';
import { request } from '../../../shared/api/http.js';

/** Unit id → name, for those answered so far (an id that names no unit stays itself). */
export function useUnitNames(unitIds: (string | null)[]): Map<string, string> {
  const ids = [...new Set(unitIds.filter((id): id is string => Boolean(id)))];
  return useQueries({
    queries: ids.map((id) => ({
      // the units feature's detail key: the unit page's answer serves here too, and a change refreshes both
      queryKey: ['units', 'detail', id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        request<{ unit: Unit }>(`/api/units/${encodeURIComponent(id)}`, { signal }).then((r) => r.unit),
    })),
    combine: (results) =>
      new Map(results.flatMap((r, i): [string, string][] => (r.data ? [[ids[i], r.data.name]] : r.isError ? [[ids[i], ids[i]]] : []))),
  });
}

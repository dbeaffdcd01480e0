// GET /api/units/:id for each unit the listed users belong to, to show the unit by its name.
import { useQueries } from '@tanstack/react-query';
import { unitQueryOptions } from '../../units/index.js';

/** Unit id → name, for those answered so far (an id that names no unit stays itself). */
export function useUnitNames(unitIds: (string | null)[]): Map<string, string> {
  const ids = [...new Set(unitIds.filter((id): id is string => Boolean(id)))];
  return useQueries({
    // the units feature's own query: the unit page's answer serves here too, and a change refreshes both
    queries: ids.map((id) => unitQueryOptions(id)),
    combine: (results) =>
      new Map(results.flatMap((r, i): [string, string][] => (r.data ? [[ids[i], r.data.name]] : r.isError ? [[ids[i], ids[i]]] : []))),
  });
}

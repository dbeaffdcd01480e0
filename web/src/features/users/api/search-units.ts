// GET /api/units?q=: the few units matching what the office typed, to bind a unit contact to one.
import { useQuery } from '@tanstack/react-query';
import { unitsQueryOptions } from '../../units/index.js';

export function useUnitSearch(q: string) {
  // the units feature's own list query: a change to units refreshes this too
  return useQuery(unitsQueryOptions({ q: q.trim(), pageSize: 20, page: 1 }));
}

// GET /api/areas?parent= and GET /api/areas/:code: the tree, read a level at a time; it never
// changes while the dashboard is open, so each answer is kept for the session.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Area } from '../../../../../shared/schemas/index.js';
import { request, toQuery } from '../../../shared/api/http.js';

export type { Area };
export interface AreaWithAncestors {
  area: Area;
  /** top first */
  ancestors: Area[];
}

export const areaKeys = {
  all: ['areas'] as const,
  children: (parent: string | null) => ['areas', 'children', parent] as const,
  one: (code: string) => ['areas', 'one', code] as const,
};

export const areaChildrenQueryOptions = (parent: string | null) =>
  queryOptions({
    queryKey: areaKeys.children(parent),
    queryFn: ({ signal }) => request<{ items: Area[] }>(`/api/areas${toQuery({ parent })}`, { signal }).then((r) => r.items),
    staleTime: Infinity,
  });

export const useAreaChildren = (parent: string | null, enabled = true) => useQuery({ ...areaChildrenQueryOptions(parent), enabled });

export const areaQueryOptions = (code: string) =>
  queryOptions({
    queryKey: areaKeys.one(code),
    queryFn: ({ signal }) => request<AreaWithAncestors>(`/api/areas/${encodeURIComponent(code)}`, { signal }),
    staleTime: Infinity,
  });

export const useArea = (code: string | null) => useQuery({ ...areaQueryOptions(code ?? ''), enabled: code !== null && code !== '' });

/** "甘肃省陇南市宕昌县": the area's name after its ancestors', as a heading names it. */
export const fullName = (a: AreaWithAncestors) => [...a.ancestors, a.area].map((x) => x.name).join('');

/** The path from `scope` (exclusive, or the top when null) down to the area: what a user may climb back to. */
export const pathBelow = (a: AreaWithAncestors, scope: string | null): Area[] =>
  [...a.ancestors, a.area].filter((x) => scope === null || x.code.length >= scope.length);

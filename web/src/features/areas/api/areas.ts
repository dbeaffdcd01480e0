// GET /api/areas?parent= and GET /api/areas/:code: the tree, read a level at a time; it never
// changes while the dashboard is open, so each answer is kept for the session.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { areasApi } from '../../../../../shared/api/areas.js';
import type { Area, AreaResponse } from '../../../../../shared/schemas/areas.js';
import { call } from '../../../shared/api/call.js';

export type { Area };
/** an area and its ancestors, top first */
export type AreaWithAncestors = AreaResponse;

export const areaKeys = {
  all: ['areas'] as const,
  children: (parent: string | null) => ['areas', 'children', parent] as const,
  one: (code: string) => ['areas', 'one', code] as const,
};

export const areaChildrenQueryOptions = (parent: string | null) =>
  queryOptions({
    queryKey: areaKeys.children(parent),
    queryFn: ({ signal }) => call(areasApi.list, { query: { parent }, signal }).then((r) => r.items),
    staleTime: Infinity,
  });

export const useAreaChildren = (parent: string | null, enabled = true) => useQuery({ ...areaChildrenQueryOptions(parent), enabled });

export const areaQueryOptions = (code: string) =>
  queryOptions({
    queryKey: areaKeys.one(code),
    queryFn: ({ signal }) => call(areasApi.get, { params: { code }, signal }),
    staleTime: Infinity,
  });

export const useArea = (code: string | null) => useQuery({ ...areaQueryOptions(code ?? ''), enabled: code !== null && code !== '' });

/** "甘肃省陇南市宕昌县": the area's name after its ancestors', as a heading names it. */
export const fullName = (a: AreaWithAncestors) => [...a.ancestors, a.area].map((x) => x.name).join('');

/** The path from `scope` (exclusive, or the top when null) down to the area: what a user may climb back to. */
export const pathBelow = (a: AreaWithAncestors, scope: string | null): Area[] =>
  [...a.ancestors, a.area].filter((x) => scope === null || x.code.length >= scope.length);

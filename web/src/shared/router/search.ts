// The URL's query as plain text parameters (?kind=township&page=2), as the API reads its own: the
// router's default would write JSON into the address (?page=2 read back as a number, "2" quoted).
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import type { z } from 'zod';

export type SearchValue = string | number | boolean | null | undefined;

export function parseSearch(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(query)) if (!(key in out)) out[key] = value;
  return out;
}

export function stringifySearch(search: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The URL form of a query schema: each parameter as written, when the schema accepts it. */
export type SearchOf<S extends z.ZodObject> = { [K in keyof z.input<S>]?: Extract<z.input<S>[K], string> };

/**
 * A route's `validateSearch` from the API's own query schema: a parameter the API would refuse
 * (a made-up kind, page=0) is left out, so a hand-edited address shows the page unfiltered
 * rather than an error; what is kept stays as written, so links and the API see the same text.
 */
export function searchOf<S extends z.ZodObject>(schema: S) {
  const shape = schema.shape as Record<string, z.ZodType>;
  return (raw: Record<string, unknown>): SearchOf<S> => {
    const out: Record<string, string> = {};
    for (const [key, field] of Object.entries(shape)) {
      const value = raw[key];
      if (typeof value === 'string' && value !== '' && field.safeParse(value).success) out[key] = value;
    }
    return out as SearchOf<S>;
  };
}

/** The URL's query as filters; setting some keeps the others (and resets `page` unless given). */
export function useSearchParams(): [URLSearchParams, (changes: Record<string, SearchValue>, options?: { replace?: boolean }) => void] {
  const searchStr = useRouterState({ select: (s) => s.location.searchStr });
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();
  const params = useMemo(() => new URLSearchParams(searchStr), [searchStr]);
  const update = useCallback(
    (changes: Record<string, SearchValue>, options: { replace?: boolean } = {}) => {
      const next: Record<string, unknown> = parseSearch(searchStr);
      if (!('page' in changes)) delete next.page;
      Object.assign(next, changes);
      const href = pathname + stringifySearch(next);
      if (href === pathname + searchStr) return;
      void navigate({ href, replace: options.replace });
    },
    [navigate, pathname, searchStr],
  );
  return [params, update];
}

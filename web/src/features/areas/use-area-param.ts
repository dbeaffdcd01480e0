// The one place the areas feature reads and writes the address: `?area=code` on any page.
import { useCallback } from 'react';
import { useSearchParams } from '../../shared/router/search.js';

/** The `area` query parameter (null when absent) and a setter that keeps the other parameters. */
export function useAreaParam(): [string | null, (code: string | null, extra?: Record<string, string | null>) => void] {
  const [params, setParams] = useSearchParams();
  const area = params.get('area') || null;
  const setArea = useCallback((code: string | null, extra: Record<string, string | null> = {}) => setParams({ area: code, ...extra }), [setParams]);
  return [area, setArea];
}

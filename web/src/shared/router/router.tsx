// A small history router: the dashboard has a dozen routes, which needs no library.
import { useCallback, useMemo, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', emit);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', emit);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === snapshot()) return;
  // each entry remembers the in-app address it was opened from (a reload keeps it): see `cameFrom`
  if (options.replace) window.history.replaceState(window.history.state, '', to);
  else window.history.pushState({ from: snapshot() }, '', to);
  emit();
}

/** The in-app address (path and query, so with its filters) the current page was opened from, or null. */
export function cameFrom(): string | null {
  const state: unknown = window.history.state;
  const from = typeof state === 'object' && state !== null ? (state as { from?: unknown }).from : undefined;
  return typeof from === 'string' && from.startsWith('/') ? from : null;
}

export interface Location {
  pathname: string;
  search: URLSearchParams;
  href: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  return useMemo(() => {
    const url = new URL(href, 'http://local');
    return { pathname: url.pathname, search: url.searchParams, href };
  }, [href]);
}

/** Route params of `pattern` ("/units/:id") in `pathname`, or null when it does not match. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      try {
        params[want[i].slice(1)] = decodeURIComponent(have[i]);
      } catch {
        return null;
      }
    } else if (want[i] !== have[i]) {
      return null;
    }
  }
  return params;
}

type Params = Record<string, string | number | boolean | null | undefined>;

/** The URL's query as filters; setting some keeps the others (and resets `page` unless given). */
export function useSearchParams(): [URLSearchParams, (changes: Params, options?: { replace?: boolean }) => void] {
  const location = useLocation();
  const update = useCallback(
    (changes: Params, options: { replace?: boolean } = {}) => {
      const next = new URLSearchParams(location.search);
      if (!('page' in changes)) next.delete('page');
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === null || value === '' || value === false) next.delete(key);
        else next.set(key, String(value));
      }
      const query = next.toString();
      navigate(location.pathname + (query ? `?${query}` : ''), options);
    },
    [location],
  );
  return [location.search, update];
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

export function Link({ to, onClick, target, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || target) return;
    if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} target={target} {...rest} />;
}

// The browser history the router drives, each entry remembering the in-app address (path and
// query, so with its filters) it was opened from: a unit's "← 返回" goes back there, after a reload too.
import { createBrowserHistory, type RouterHistory } from '@tanstack/react-router';

const here = () => window.location.pathname + window.location.search;

export function createAppHistory(): RouterHistory {
  // the router replaces an entry's state that it did not write itself: keep where it came from
  // (an entry written before this router, as by a page open during an update)
  const from = cameFrom();
  const state: unknown = window.history.state;
  if (from && !(typeof state === 'object' && state !== null && '__TSR_key' in state)) {
    const key = Math.random().toString(36).slice(2, 10);
    window.history.replaceState({ from, key, __TSR_key: key, __TSR_index: 0 }, '');
  }
  const history = createBrowserHistory();
  const push = history.push.bind(history);
  history.push = (path, state, options) => push(path, { ...state, from: here() } as typeof state, options);
  return history;
}

/** The in-app address the current page was opened from, or null. */
export function cameFrom(): string | null {
  const state: unknown = window.history.state;
  const from = typeof state === 'object' && state !== null ? (state as { from?: unknown }).from : undefined;
  return typeof from === 'string' && from.startsWith('/') ? from : null;
}

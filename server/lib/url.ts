// A malformed %-escape in a path ("%ZZ", "%E0%A4%A") makes Fastify's router answer on its own,
// before any hook: no login check, no security headers, not the contract's body. Such a segment
// is taken literally instead (each % escaped as %25), so that it reaches its route as an id that
// names nothing: 401, 403 or 404 in the usual order.

/** The text a %-encoded string stands for, or undefined when an escape in it is malformed. */
function decoded(s: string): string | undefined {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/**
 * The path as the router matched it, decoded: `/%61pi/units` is under /api. Decisions on the
 * path (no-store, the dashboard's fallback) use this, never the raw URL.
 */
export function pathOf(url: string): string {
  const path = url.split('?')[0];
  return decoded(path) ?? path;
}

/** The URL with every path segment that does not decode taken literally. */
export function literalBadEscapes(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (!path.includes('%')) return url;
  const fixed = path
    .split('/')
    .map((s) => (decoded(s) === undefined ? s.replaceAll('%', '%25') : s))
    .join('/');
  return q === -1 ? fixed : fixed + url.slice(q);
}

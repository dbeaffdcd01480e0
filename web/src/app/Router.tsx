import { Suspense, useEffect } from 'react';
import type { SessionUser } from '../../../shared/schemas/index.js';
import { ForbiddenPage, Loading, NotFoundPage } from '../shared/components/StatusPage.js';
import { matchPath, navigate, useLocation } from '../shared/router/router.js';
import { homePath } from './nav.js';
import { routes } from './routes.js';

export function resolveRoute(pathname: string) {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

export function Router({ user }: { user: SessionUser }) {
  const { pathname } = useLocation();
  if (pathname === '/' || pathname === '/login') return <Redirect to={homePath(user)} />;
  const match = resolveRoute(pathname);
  if (!match) return <NotFoundPage />;
  const { route, params } = match;
  if (route.roles && !route.roles.includes(user.role)) return <ForbiddenPage />;
  // A unit's contact sees its own unit only; the server says so too, this spares the round trip.
  if (user.role === 'unit' && params.id && params.id !== user.unitId) return <ForbiddenPage />;
  return <Suspense fallback={<Loading />}>{route.render(params)}</Suspense>;
}

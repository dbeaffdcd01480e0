// Each page's own document title ("落后单位 · 政务专网接入进度"), so that a browser tab, a bookmark
// and a page saved as PDF say what they are. Read from the route tree, like the page itself.
import { createMemoryHistory, createRouter, type AnyRouter } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import type { SessionUser } from '../../../shared/schemas/index.js';
import type { I18nKey } from '../i18n/keys.js';
import { mayOpen, routeTree } from './routes.js';

let matcher: AnyRouter | null = null;
// the routes matched as the app's router matches them, for a path that is not (or not yet) open
const routesOf = (pathname: string) => (matcher ??= createRouter({ routeTree, history: createMemoryHistory(), context: { queryClient: null as never } })).getMatchedRoutes(pathname);

/** The i18n key of the page a signed-in user (or nobody) sees at `pathname`. */
export function pageTitleKey(pathname: string, user: SessionUser | null | undefined): I18nKey | null {
  if (!user) return 'auth.title';
  if (pathname === '/' || pathname === '/login') return null; // about to move to the user's home page
  const [, params, route] = routesOf(pathname);
  const data = route?.options.staticData;
  // '**': only the start of the path matched a route
  if (!data?.title || '**' in params) return 'pages.notFoundTitle';
  if (!mayOpen(user, data.roles, params)) return 'pages.forbiddenTitle';
  return data.title;
}

export function pageTitle(pathname: string, user: SessionUser | null | undefined, t: TFunction): string {
  const key = pageTitleKey(pathname, user);
  return key ? t('titles.format', { page: t(key), app: t('app.title') }) : t('app.title');
}

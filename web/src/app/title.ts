// Each page's own document title ("落后单位 · 政务专网接入进度"), so that a browser tab, a bookmark
// and a page saved as PDF say what they are. Read from the route table, like the page itself.
import type { TFunction } from 'i18next';
import type { SessionUser } from '../../../shared/schemas/index.js';
import { resolveRoute } from './Router.js';

/** The i18n key of the page a signed-in user (or nobody) sees at `pathname`. */
export function pageTitleKey(pathname: string, user: SessionUser | null | undefined): string | null {
  if (!user) return 'auth.title';
  if (pathname === '/' || pathname === '/login') return null; // about to move to the user's home page
  const match = resolveRoute(pathname);
  if (!match) return 'pages.notFoundTitle';
  const { route, params } = match;
  if (route.roles && !route.roles.includes(user.role)) return 'pages.forbiddenTitle';
  if (user.role === 'unit' && params.id && params.id !== user.unitId) return 'pages.forbiddenTitle';
  return route.title;
}

export function pageTitle(pathname: string, user: SessionUser | null | undefined, t: TFunction): string {
  const key = pageTitleKey(pathname, user);
  return key ? t('titles.format', { page: t(key), app: t('app.title') }) : t('app.title');
}

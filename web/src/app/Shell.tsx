// The frame around every page: skip link, header with who is signed in, navigation, language,
// and the document title of the page shown.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../shared/schemas/index.js';
import { useMe, useLogout, LoginPage } from '../features/auth/index.js';
import { setLanguage, type Language } from '../i18n/index.js';
import { ForbiddenPage, Loading, PageError } from '../shared/components/StatusPage.js';
import { Link, Outlet, useRouter, useRouterState } from '@tanstack/react-router';
import { SessionContext } from '../shared/session/session.js';
import { activeNav, navItems } from './nav.js';
import { pageTitle } from './title.js';
import { useOnline } from '../shared/lib/use-online.js';
import { useLive } from './live.js';
import { OutboxBanner, useOutbox } from '../features/field/index.js';

export function Shell() {
  const me = useMe();
  const outbox = useOutbox();
  const userId = me.data?.id;
  // only the signed-in user's own queued steps are sent, and a new login resumes a paused outbox
  useEffect(() => outbox?.setUser(userId ?? null), [outbox, userId]);
  useLive(userId);
  // another user (or nobody) now: the route guards run again for the page left open
  const router = useRouter();
  useEffect(() => void router.invalidate(), [router, userId]);
  // the page's role guard said no (routes.tsx)
  const forbidden = useRouterState({ select: (s) => Boolean((s.matches.at(-1)?.context as { forbidden?: boolean } | undefined)?.forbidden) });
  const publicPage = window.location.pathname.startsWith('/sign-in/');
  if (me.isPending) return <Frame><Loading /></Frame>;
  if (me.isError) return <Frame><PageError error={me.error} onRetry={() => void me.refetch()} /></Frame>;
  // the phone's training sign-in page (/sign-in/…) needs no account
  if (!me.data) return <Frame>{publicPage ? <Outlet /> : <LoginPage />}</Frame>;
  return (
    <SessionContext.Provider value={me.data}>
      <Frame user={me.data}>
        {forbidden ? <ForbiddenPage /> : <Outlet />}
      </Frame>
    </SessionContext.Provider>
  );
}

function Frame({ user, children }: { user?: SessionUser; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const online = useOnline();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  const title = pageTitle(pathname, user, t);
  useEffect(() => {
    document.title = title;
  }, [title]);

  // On a phone the menu folds away behind one button; it closes on Escape and on moving to another page.
  // (open on the page it was opened on: moving to another page closes it)
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === pathname;
  const setMenuOpen = (open: boolean) => setMenuOpenOn(open ? pathname : null);
  const menuButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpenOn(null);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  // After moving to another page, put keyboard and screen-reader focus at its start.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);

  const other = t('app.otherLanguageCode') as Language;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className={menuOpen ? 'app-header app-header--open no-print' : 'app-header no-print'}>
        <Link to="/" className="app-header__title">
          {t('app.title')}
        </Link>
        <div className="app-header__tools">
          {user && <LogoutButton />}
          {user && (
            <button
              type="button"
              ref={menuButton}
              className="app-header__menu-button"
              aria-expanded={menuOpen}
              aria-controls="app-menu"
              onClick={() => setMenuOpen(!menuOpen)}
            >
              {t('nav.menu')}
            </button>
          )}
        </div>
        {/* the menu: beside the title on a wide screen, folded behind the button on a phone (styles.css) */}
        <div id="app-menu" className={user ? 'app-header__menu' : 'app-header__menu app-header__menu--always'}>
          <div className="app-header__extra">
            <button type="button" className="link-button" lang={other === 'en' ? 'en' : 'zh-CN'} onClick={() => setLanguage(other)}>
              {t('app.otherLanguage')}
            </button>
            {user && <span className="app-header__user">{t('auth.signedInAs', { name: user.displayName, role: t(`role.${user.role}`) })}</span>}
            {user && <Link to="/account/password">{t('account.link')}</Link>}
          </div>
          {user && <Nav user={user} pathname={pathname} />}
        </div>
      </header>
      {!online && (
        <p className="offline-banner no-print" role="status">
          {t('app.offlineBanner')}
        </p>
      )}
      <OutboxBanner signedIn={Boolean(user)} />
      <main id="main" ref={main} tabIndex={-1} lang={i18n.language === 'en' ? 'en' : undefined}>
        {children}
      </main>
    </>
  );
}

function LogoutButton() {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <button type="button" className="link-button" onClick={() => logout.mutate()} disabled={logout.isPending}>
      {t('auth.logout')}
    </button>
  );
}

function Nav({ user, pathname }: { user: SessionUser; pathname: string }) {
  const { t } = useTranslation();
  const items = navItems(user);
  const active = activeNav(items, pathname);
  if (items.length === 0) return null;
  return (
    <nav aria-label={t('nav.label')} className="app-nav">
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to as '/'} aria-current={item.to === active ? 'page' : undefined}>
              {t(item.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

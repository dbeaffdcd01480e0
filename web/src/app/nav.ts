// What each role finds in the navigation, and where it lands after signing in.
import type { SessionUser } from '../../../shared/schemas/index.js';
import type { I18nKey } from '../i18n/keys.js';

export interface NavItem {
  to: string;
  label: I18nKey;
}

export function navItems(user: SessionUser): NavItem[] {
  switch (user.role) {
    case 'office':
      return [
        { to: '/overview', label: 'nav.overview' },
        { to: '/laggards', label: 'nav.laggards' },
        { to: '/notices', label: 'nav.notices' },
        { to: '/units', label: 'nav.units' },
        { to: '/trainings', label: 'training.nav' },
        { to: '/assignments', label: 'nav.assignments' },
        { to: '/users', label: 'nav.users' },
        { to: '/settings', label: 'nav.settings' },
        { to: '/notify', label: 'notify.nav' },
        { to: '/display-links', label: 'display.nav' },
        { to: '/audit', label: 'nav.audit' },
      ];
    case 'viewer':
      return [
        { to: '/overview', label: 'nav.overview' },
        { to: '/laggards', label: 'nav.laggards' },
        { to: '/notices', label: 'nav.notices' },
        { to: '/units', label: 'nav.units' },
        { to: '/trainings', label: 'training.nav' },
      ];
    case 'technician':
      return [
        { to: '/field', label: 'nav.field' },
        { to: '/units', label: 'nav.units' },
        { to: '/outbox', label: 'nav.outbox' },
      ];
    case 'unit':
      return user.unitId ? [{ to: `/units/${encodeURIComponent(user.unitId)}`, label: 'nav.myUnit' }, { to: '/trainings', label: 'training.nav' }] : [];
  }
}

export function homePath(user: SessionUser): string {
  return navItems(user)[0]?.to ?? '/forbidden';
}

/** The nav item a path belongs to: the longest prefix wins. */
export function activeNav(items: NavItem[], pathname: string): string | undefined {
  return items
    .filter((item) => pathname === item.to || pathname.startsWith(`${item.to}/`))
    .sort((a, b) => b.to.length - a.to.length)[0]?.to;
}

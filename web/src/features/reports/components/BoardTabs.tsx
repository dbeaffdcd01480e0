// The board's two lists: the laggards (late already) and the units due soon (not yet late).
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';

export function BoardTabs({ current, area }: { current: 'laggards' | 'dueSoon'; area?: string }) {
  const { t } = useTranslation();
  const search = { area };
  return (
    <nav className="board-tabs no-print" aria-label={t('leaders.boardTabs')}>
      <Link to="/laggards" search={search} className="board-tab" aria-current={current === 'laggards' ? 'page' : undefined}>{t('leaders.tabLaggards')}</Link>
      <Link to="/laggards/due-soon" search={search} className="board-tab" aria-current={current === 'dueSoon' ? 'page' : undefined}>{t('leaders.tabDueSoon')}</Link>
    </nav>
  );
}

// A line under the header whenever steps wait on this device, or were refused, or sending paused.
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { useOutboxState } from './react.js';

export function OutboxBanner({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const { entries, paused, syncing } = useOutboxState();
  const pending = entries.filter((e) => e.status === 'pending').length;
  const refused = entries.filter((e) => e.status === 'refused').length;
  if (!pending && !refused && !paused) return null;
  return (
    <div className={`outbox-banner no-print${refused || paused ? ' outbox-banner--attention' : ''}`} role="status">
      {paused && <p><strong>{t('outbox.pausedTitle')}</strong> {t('outbox.pausedBody')}</p>}
      <p>
        {pending > 0 && <span>{syncing ? t('outbox.sendingCount', { count: pending }) : t('outbox.pendingCount', { count: pending })}</span>}
        {refused > 0 && <span>{t('outbox.refusedCount', { count: refused })}</span>}
        {signedIn && <Link to="/outbox">{t('outbox.open')}</Link>}
      </p>
    </div>
  );
}

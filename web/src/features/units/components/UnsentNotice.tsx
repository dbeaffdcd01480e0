// The unit's steps still waiting on this device: the progress shown already counts them.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../shared/lib/use-format.js';
import type { OutboxEntry } from '../../../shared/outbox/types.js';

export function UnsentNotice({ entries }: { entries: OutboxEntry[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (entries.length === 0) return null;
  return (
    <div className="notice notice--warn unsent" role="status">
      <p className="notice__title">{t('outbox.unsentTitle', { count: entries.length })}</p>
      <ul>
        {entries.map((e) => (
          <li key={e.clientEventId}>
            {t(`step.${e.step.type}`)} · {format.dateTime(e.step.occurredAt)} · {t('outbox.status.pending')}
          </li>
        ))}
      </ul>
      <p>{t('outbox.unsentBody')}</p>
    </div>
  );
}

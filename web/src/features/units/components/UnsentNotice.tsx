// The unit's steps still on this device: those waiting (the progress shown already counts them),
// each with what is happening to it now, and those the server refused, with why and what to do.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../shared/lib/use-format.js';
import { EntryStatus, type StepEntry } from '../../field/index.js';

export function UnsentNotice({ entries, refused = [] }: { entries: StepEntry[]; refused?: StepEntry[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      {entries.length > 0 && (
        <div className="notice notice--warn unsent" role="status">
          <p className="notice__title">{t('outbox.unsentTitle', { count: entries.length })}</p>
          <ul>
            {entries.map((e) => (
              <li key={e.clientEventId}>
                {t(`step.${e.step.type}`)} · {format.dateTime(e.step.occurredAt)}
                <EntryStatus inline clientEventId={e.clientEventId} step={t(`step.${e.step.type}`)} />
              </li>
            ))}
          </ul>
          <p>{t('outbox.unsentBody')}</p>
        </div>
      )}
      {refused.map((e) => (
        <EntryStatus key={e.clientEventId} clientEventId={e.clientEventId} step={t(`step.${e.step.type}`)} />
      ))}
    </>
  );
}

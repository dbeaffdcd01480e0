// The visible outbox: every step kept on this device, whether it waits, was sent or was refused.
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../shared/api/describe-error.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { useOnline } from '../../../shared/lib/use-online.js';
import { Link } from '@tanstack/react-router';
import { useSessionUser } from '../../../shared/session/session.js';
import { entryRefusal, entryState, entryWords, refusalAdvice } from './EntryStatus.js';
import { useOutbox, useOutboxState } from './react.js';
import { RelogForm, refusedForTime } from './RelogForm.js';
import type { OutboxEntry } from './types.js';

/** `compact`: only when something is not sent (on the technician's home); `page`: the /outbox page. */
export function OutboxPanel({ compact = false, page = false }: { compact?: boolean; page?: boolean }) {
  const { t } = useTranslation();
  const outbox = useOutbox();
  const user = useSessionUser();
  const { entries, paused, syncing, nextRetryAt } = useOutboxState();
  const format = useFormat();
  const online = useOnline();
  const mine = entries.filter((e) => e.userId === user.id).slice().reverse();
  const pending = mine.filter((e) => e.status === 'pending').length;
  if (compact && mine.every((e) => e.status === 'sent')) return null;

  return (
    <section className="panel outbox" aria-labelledby="outbox-title">
      <div className="outbox__head">
        {page ? <h1 id="outbox-title">{t('outbox.title')}</h1> : <h2 id="outbox-title">{t('outbox.title')}</h2>}
        {pending > 0 && outbox && (
          <button type="button" className="button button--secondary" onClick={() => outbox.retryNow()} disabled={syncing || paused || !online}>
            {syncing ? t('outbox.sending') : t('outbox.retryNow')}
          </button>
        )}
      </div>
      <p className="muted">{t('outbox.explain')}</p>
      {paused && <p className="notice notice--error" role="alert">{t('outbox.pausedBody')}</p>}
      {pending > 0 && nextRetryAt && !syncing && (
        <p className="muted" role="status">{t('outbox.nextRetry', { time: format.dateTime(new Date(nextRetryAt).toISOString()) })}</p>
      )}
      {mine.length === 0 ? (
        <p className="empty">{t('outbox.empty')}</p>
      ) : (
        <ul className="outbox__list">
          {mine.map((entry) => <OutboxItem key={entry.clientEventId} entry={entry} onDismiss={() => void outbox?.dismiss(entry.clientEventId)} />)}
        </ul>
      )}
    </section>
  );
}

function OutboxItem({ entry, onDismiss }: { entry: OutboxEntry; onDismiss: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const snapshot = useOutboxState();
  const online = useOnline();
  const state = entryState(entry, snapshot, online);
  const refusal = entry.refusal ? describeError(entryRefusal(entry), t) : null;
  return (
    <li className={`outbox__item outbox__item--${entry.status}`} data-status={entry.status}>
      <div className="outbox__line">
        <span className={`badge badge--outbox-${entry.status}`}>{t(`outbox.status.${entry.status}`)}</span>
        {entry.attendance ? (
          <Link to="/trainings/$trainingId" params={{ trainingId: entry.attendance.trainingId }}>
            {t('outbox.attendanceMark', { unit: entry.unitName, status: t(`training.attendanceStatus.${entry.attendance.status}`) })}
          </Link>
        ) : (
          <>
            <strong>{t(`step.${entry.step!.type}`)}</strong>
            <Link to="/units/$id" params={{ id: entry.unitId }}>{entry.unitName}</Link>
          </>
        )}
      </div>
      <p className="muted">{t('outbox.loggedAt', { time: format.dateTime(entry.step?.occurredAt ?? entry.loggedAt) })}</p>
      {state !== 'refused' && state !== 'sent' && (
        <p data-entry-state={state}>
          {entryWords(state, t)}
          {entry.attempts > 0 && <span className="muted"> {t('outbox.attempts', { count: entry.attempts })}</span>}
        </p>
      )}
      {refusal && (
        <div className="notice notice--error">
          <p className="notice__title">{t('outbox.refusedBecause')} {refusal.title}</p>
          {refusal.lines.map((line, i) => <p key={i}>{line}</p>)}
          <p>{refusalAdvice(entry, t)}</p>
          {refusedForTime(entry) && <RelogForm entry={entry} />}
        </div>
      )}
      {entry.status !== 'pending' && (
        <button type="button" className="button button--secondary button--small" onClick={onDismiss}>
          {t('outbox.dismiss')}
        </button>
      )}
    </li>
  );
}

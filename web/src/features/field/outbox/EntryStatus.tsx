// What has become of one logged step, in words, kept up to date from the outbox: being sent,
// waiting for a network, no answer in time (will retry), recorded, or refused (why, and what now).
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../shared/api/describe-error.js';
import { ApiError, type ClientErrorCode } from '../../../shared/api/http.js';
import { useOnline } from '../../../shared/lib/use-online.js';
import { SEND_TIMEOUT_MS, type OutboxSnapshot } from './outbox.js';
import { useOutbox, useOutboxState } from './react.js';
import type { OutboxEntry } from './types.js';
import { RelogForm, refusedForTime } from './RelogForm.js';

export type EntryState = 'sending' | 'offline' | 'paused' | 'timeout' | 'network' | 'server' | 'waiting' | 'sent' | 'refused';

/** Where an entry stands: its stored status, and for a pending one what the outbox is doing about it. */
export function entryState(entry: OutboxEntry, outbox: Pick<OutboxSnapshot, 'sending' | 'paused'>, online: boolean): EntryState {
  if (entry.status !== 'pending') return entry.status;
  if (outbox.sending === entry.clientEventId) return 'sending';
  if (outbox.paused) return 'paused';
  if (!online) return 'offline';
  return entry.lastFailure ?? 'waiting';
}

/** The words for a pending or sent entry (a refused one has its own notice); `step` names it in a sentence of its own. */
export function entryWords(state: Exclude<EntryState, 'refused'>, t: TFunction, step?: string): string {
  const what = t(`outbox.state.${state}`, { seconds: SEND_TIMEOUT_MS / 1000 });
  if (step === undefined) return what;
  return state === 'sent' ? t('outbox.recorded', { step }) : t('outbox.kept', { step, what });
}

export const entryRefusal = (entry: OutboxEntry) =>
  new ApiError(entry.refusal?.status ?? 0, (entry.refusal?.code ?? 'UNKNOWN') as ClientErrorCode, entry.refusal?.message ?? '', entry.refusal?.details);

/** What the person can do about a refusal, by what the server said. */
export function refusalAdvice(entry: OutboxEntry, t: TFunction): string {
  if (entry.attendance) return t('outbox.attendanceTodo');
  const code = entry.refusal?.code ?? 'UNKNOWN';
  // a refusal for the step's time: another time, within the bounds, is what helps
  if (refusedForTime(entry)) return t('record.relogAdvice');
  return t(`outbox.todo.${code}`, { defaultValue: t('outbox.todo.other') });
}

/**
 * The live status of the step with `clientEventId`; `fallback` when the outbox does not hold it
 * (recorded without one, or removed since).
 */
export function EntryStatus({ clientEventId, step, fallback, inline = false }: { clientEventId: string; step: string; fallback?: string; inline?: boolean }) {
  const { t } = useTranslation();
  const snapshot = useOutboxState();
  const online = useOnline();
  const outbox = useOutbox();
  const entry = snapshot.entries.find((e) => e.clientEventId === clientEventId);
  if (!entry) return fallback ? <p className="notice notice--ok" role="status">{fallback}</p> : null;
  const state = entryState(entry, snapshot, online);
  if (state === 'refused') {
    const refusal = describeError(entryRefusal(entry), t);
    return (
      <div className="notice notice--error" role="alert" data-entry-state={state}>
        <p className="notice__title">{t('outbox.refusedStep', { step })}</p>
        <p>{refusal.title} {refusal.lines.join(' ')}</p>
        <p>{refusalAdvice(entry, t)}</p>
        {refusedForTime(entry) && <RelogForm entry={entry} />}
        <button type="button" className="button button--secondary button--small" onClick={() => void outbox?.dismiss(clientEventId)}>
          {t('outbox.dismiss')}
        </button>
      </div>
    );
  }
  if (inline) return <span className="entry-state" data-entry-state={state}> · {entryWords(state, t)}</span>;
  const tone = state === 'sent' ? 'ok' : state === 'sending' || state === 'waiting' || state === 'offline' ? 'info' : 'warn';
  return (
    <p className={`notice notice--${tone}`} role="status" data-entry-state={state}>
      {entryWords(state, t, step)}
    </p>
  );
}

// A refused step logged again with another field time: the server refuses a step dated before the
// unit's latest one, or further back than the user's role may date (docs/contract/domain.md "The
// record"). The technician sets the time it really happened (within the bounds) and resends it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../shared/lib/use-format.js';
import { toWallInput, wallInputToIso } from '../../../shared/lib/time.js';
import { useOutbox } from './react.js';
import type { OutboxEntry } from './types.js';

/** Whether the refusal is about the step's time: only then does another time help. */
export function refusedForTime(entry: OutboxEntry): boolean {
  const r = entry.refusal;
  if (!r) return false;
  if (r.code === 'INVALID_TRANSITION') return (r.details as { reason?: string } | undefined)?.reason === 'before_latest_step';
  return r.code === 'VALIDATION_FAILED' && Array.isArray(r.details) && r.details.some((d: { field?: string }) => d?.field === 'occurredAt');
}

export function RelogForm({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const outbox = useOutbox();
  const notBefore = (entry.refusal?.details as { notBefore?: string } | undefined)?.notBefore;
  // a sensible start: the instant it must not precede, else the time it was logged with
  // (the input holds whole minutes: the instant to start from is rounded up, so it is not before the bound)
  const [value, setValue] = useState(() => toWallInput(new Date(Math.ceil(Date.parse(notBefore ?? entry.step?.occurredAt ?? entry.loggedAt) / 60_000) * 60_000), format.timezone));
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const iso = wallInputToIso(value, format.timezone);
    if (!iso) return setError(t('record.relogInvalid'));
    if (notBefore && Date.parse(iso) < Date.parse(notBefore)) return setError(t('record.relogTooEarly', { time: format.dateTime(notBefore) }));
    setError(null);
    void outbox?.relog(entry.clientEventId, iso);
  };
  const id = `relog-${entry.clientEventId}`;
  return (
    <form className="relog" onSubmit={submit} aria-label={t('record.relogTitle')}>
      <label htmlFor={id}>{t('record.relogLabel', { zone: format.zoneName })}</label>
      <input id={id} name="occurredAt" type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={error ? true : undefined} />
      {error && <p className="field-error" role="alert">{error}</p>}
      <button type="submit" className="button button--small">{t('record.relogSubmit')}</button>
    </form>
  );
}

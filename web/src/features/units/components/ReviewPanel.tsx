// Office: verify or reject a registration awaiting review.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Step, Unit } from '../../../../../shared/schemas/index.js';
import { Dialog } from '../../../shared/components/Dialog.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { newUuid } from '../../../shared/lib/uuid.js';
import { useSendStep } from '../api/send-step.js';

export function submittedRef(steps: readonly Step[]): string {
  const submitted = [...steps].reverse().find((s) => !s.voided && s.type === 'registration.submitted');
  return submitted ? String(submitted.data.platformRef ?? '') : '';
}

export function ReviewPanel({ unit, steps }: { unit: Unit; steps: Step[] }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'verify' | 'reject' | null>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [clientEventId, setClientEventId] = useState(newUuid);
  const create = useSendStep(unit);

  const close = () => {
    setDialog(null);
    setReason('');
    setMissing(false);
    create.reset();
  };
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (dialog === 'reject' && !reason.trim()) {
      setMissing(true);
      return;
    }
    create.mutate(
      dialog === 'verify'
        ? { type: 'registration.verified', clientEventId }
        : { type: 'registration.rejected', clientEventId, data: { reason: reason.trim() } },
      { onSuccess: () => { setClientEventId(newUuid()); close(); } },
    );
  };

  return (
    <section className="panel panel--attention" aria-labelledby="review-title">
      <h2 id="review-title">{t('review.title')}</h2>
      <p>{t('review.body', { ref: submittedRef(steps) || '—' })}</p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => setDialog('verify')}>{t('review.verify')}</button>
        <button type="button" className="button button--danger" onClick={() => setDialog('reject')}>{t('review.reject')}</button>
      </div>
      {dialog && (
        <Dialog title={dialog === 'verify' ? t('review.confirmVerify') : t('review.reject')} onClose={close}>
          <form className="form" onSubmit={send} noValidate>
            {dialog === 'reject' && (
              <Field label={t('review.rejectReason')} required error={missing ? t('field.required') : undefined}>
                {(p) => <textarea {...p} rows={3} maxLength={500} value={reason} onChange={(e) => { setReason(e.target.value); setMissing(false); }} />}
              </Field>
            )}
            <ErrorNotice error={create.error} />
            <div className="button-row">
              <button type="submit" className={dialog === 'verify' ? 'button' : 'button button--danger'} disabled={create.isPending}>
                {dialog === 'verify' ? t('review.verify') : t('review.reject')}
              </button>
              <button type="button" className="button button--secondary" onClick={close}>{t('app.cancel')}</button>
            </div>
          </form>
        </Dialog>
      )}
    </section>
  );
}

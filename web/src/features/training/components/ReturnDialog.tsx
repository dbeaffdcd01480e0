// The office returns a report-back: a reason is required (the API refuses a return without one).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../shared/components/Dialog.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useReview } from '../api/training.js';

export function ReturnDialog({ reportBackId, unitName, onClose }: { reportBackId: string; unitName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const review = useReview();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setMissing(true);
    review.mutate({ id: reportBackId, decision: 'returned', reason: reason.trim() }, { onSuccess: onClose });
  };
  return (
    <Dialog title={t('training.returnTitle', { unit: unitName })} onClose={onClose}>
      <p>{t('training.returnExplain')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('training.returnReasonLabel')} required error={missing ? t('field.required') : undefined}>
          {(p) => <textarea {...p} rows={3} maxLength={200} value={reason} onChange={(e) => { setReason(e.target.value); setMissing(false); }} />}
        </Field>
        <ErrorNotice error={review.error} />
        <div className="button-row">
          <button type="submit" className="button button--danger" disabled={review.isPending}>{t('training.returnConfirm')}</button>
          <button type="button" className="button button--secondary" onClick={onClose}>{t('app.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}

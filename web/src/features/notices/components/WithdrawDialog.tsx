// Office: withdraw a notice, saying why (a notice is never edited or deleted).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../../../shared/schemas/notices.js';
import { Dialog } from '../../../shared/components/Dialog.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useWithdrawNotice } from '../api/notices.js';

export function WithdrawDialog({ notice, onClose }: { notice: Notice; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const withdraw = useWithdrawNotice();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 2) return setMissing(true);
    withdraw.mutate({ id: notice.id, reason: reason.trim() }, { onSuccess: onClose });
  };
  return (
    <Dialog title={t('notices.withdrawTitle', { number: notice.number })} onClose={onClose}>
      <p>{t('notices.withdrawExplain', { unit: notice.unit.name })}</p>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('notices.withdrawReason')} required error={missing ? t('notices.reasonRequired') : undefined}>
          {(p) => <textarea {...p} rows={3} maxLength={500} value={reason} onChange={(e) => { setReason(e.target.value); setMissing(false); }} />}
        </Field>
        <ErrorNotice error={withdraw.error} />
        <div className="button-row">
          <button type="submit" className="button button--danger" disabled={withdraw.isPending}>{t('notices.withdrawConfirm')}</button>
          <button type="button" className="button button--secondary" onClick={onClose}>{t('app.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}

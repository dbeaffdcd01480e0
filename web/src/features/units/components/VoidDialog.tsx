// Office: void the unit's latest live step, after saying why.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Step } from '../../../../../shared/schemas/index.js';
import { Dialog } from '../../../shared/components/Dialog.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useVoidStep } from '../api/void-step.js';

export function VoidDialog({ step, stepName, onClose }: { step: Step; stepName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const voidStep = useVoidStep(step.unitId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    voidStep.mutate({ stepId: step.id, reason: reason.trim() }, { onSuccess: onClose });
  };

  return (
    <Dialog title={`${t('void.title')}：${stepName}`} onClose={onClose}>
      <p>{t('void.explain')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('void.reason')} required error={missing ? t('field.required') : undefined}>
          {(p) => <textarea {...p} rows={3} maxLength={500} value={reason} onChange={(e) => { setReason(e.target.value); setMissing(false); }} />}
        </Field>
        <ErrorNotice error={voidStep.error} />
        <div className="button-row">
          <button type="submit" className="button button--danger" disabled={voidStep.isPending}>{t('void.confirm')}</button>
          <button type="button" className="button button--secondary" onClick={onClose}>{t('app.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}

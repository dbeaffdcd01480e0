// An area's own office answers a 督办 from the office above it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../../../shared/schemas/notices.js';
import { Dialog } from '../../../shared/components/Dialog.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useAnswerNotice } from '../api/notices.js';

export function AnswerAreaDialog({ notice, onClose }: { notice: Notice; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const answer = useAnswerNotice();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setMissing(true);
    answer.mutate({ id: notice.id, text: text.trim() }, { onSuccess: onClose });
  };
  return (
    <Dialog title={t('dubang.answerTitle', { number: notice.number })} onClose={onClose}>
      <p>{t('dubang.answerExplain', { by: notice.issuedBy.displayName })}</p>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('dubang.answerLabel')} hint={t('dubang.answerHint')} required error={missing ? t('field.required') : undefined}>
          {(p) => <textarea {...p} rows={4} maxLength={1000} value={text} onChange={(e) => { setText(e.target.value); setMissing(false); }} />}
        </Field>
        <ErrorNotice error={answer.error} />
        <div className="button-row">
          <button type="submit" className="button" disabled={answer.isPending}>{t('notices.answerSubmit')}</button>
          <button type="button" className="button button--secondary" onClick={onClose}>{t('app.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}

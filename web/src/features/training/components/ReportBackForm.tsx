// A unit's report-back (汇报): when, to which leader, how, how many colleagues, a short summary.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useSubmitReportBack } from '../api/training.js';

export function ReportBackForm({ trainingId, unitId, onDone }: { trainingId: string; unitId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const submit = useSubmitReportBack(trainingId);
  const [v, setV] = useState({ reportedOn: new Date().toISOString().slice(0, 10), leader: '', form: 'meeting' as 'meeting' | 'written' | 'other', colleaguesReached: '0', summary: '' });
  const send = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate({ unitId, reportedOn: v.reportedOn, leader: v.leader, form: v.form, colleaguesReached: Number(v.colleaguesReached), summary: v.summary }, { onSuccess: onDone });
  };
  return (
    <form className="form" onSubmit={send} noValidate>
      <Field label={t('training.field.reportedOn')} required>{(p) => <input {...p} type="date" value={v.reportedOn} onChange={(e) => setV({ ...v, reportedOn: e.target.value })} />}</Field>
      <Field label={t('training.field.leader')} hint={t('training.leaderHint')} required>{(p) => <input {...p} value={v.leader} onChange={(e) => setV({ ...v, leader: e.target.value })} />}</Field>
      <Field label={t('training.field.form')} required>
        {(p) => (
          <select {...p} value={v.form} onChange={(e) => setV({ ...v, form: e.target.value as typeof v.form })}>
            {(['meeting', 'written', 'other'] as const).map((f) => <option key={f} value={f}>{t(`training.form.${f}`)}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('training.field.colleaguesReached')} required>{(p) => <input {...p} type="number" min={0} inputMode="numeric" value={v.colleaguesReached} onChange={(e) => setV({ ...v, colleaguesReached: e.target.value })} />}</Field>
      <Field label={t('training.field.summary')} hint={t('training.summaryHint', { count: v.summary.length })} required>
        {(p) => <textarea {...p} maxLength={2000} rows={4} value={v.summary} onChange={(e) => setV({ ...v, summary: e.target.value })} />}
      </Field>
      {submit.isError && <ErrorNotice error={submit.error} />}
      <p className="button-row">
        <button type="submit" className="button" disabled={submit.isPending || !v.leader.trim() || !v.summary.trim()}>{t('training.submitReport')}</button>
        <button type="button" className="button button--secondary" onClick={onDone}>{t('training.cancel')}</button>
      </p>
    </form>
  );
}

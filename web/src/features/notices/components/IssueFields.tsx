// The two things an office says when it urges: by when to answer (a week unless changed) and a note.
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../../../shared/domain/dates.js';
import { DEFAULT_RESPOND_DAYS, MAX_RESPOND_DAYS } from '../../../../../shared/domain/notices.js';
import { Field } from '../../../shared/components/Field.js';
import { useFormat } from '../../../shared/lib/use-format.js';

export interface IssueValues {
  respondBy: string;
  note: string;
}

export const useDefaultIssue = (): IssueValues => {
  const format = useFormat();
  return { respondBy: addDays(format.today(), DEFAULT_RESPOND_DAYS), note: '' };
};

export function IssueFields({ value, onChange }: { value: IssueValues; onChange: (v: IssueValues) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = format.today();
  return (
    <>
      <Field label={t('notices.respondBy')} hint={t('notices.respondByHint')} required>
        {(p) => (
          <input {...p} type="date" min={today} max={addDays(today, MAX_RESPOND_DAYS)} value={value.respondBy} onChange={(e) => onChange({ ...value, respondBy: e.target.value })} />
        )}
      </Field>
      <Field label={t('notices.note')} hint={t('notices.noteHint')}>
        {(p) => <textarea {...p} rows={2} maxLength={500} value={value.note} onChange={(e) => onChange({ ...value, note: e.target.value })} />}
      </Field>
    </>
  );
}

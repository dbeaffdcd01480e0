// The inputs of one step type's fields.
import { useTranslation } from 'react-i18next';
import { REASON_CODES, type StepField } from '../../../../../../shared/domain/steps.js';
import { describeProblem } from '../../../../shared/api/describe-error.js';
import { Field } from '../../../../shared/components/Field.js';
import type { FieldSpec, StepErrors, StepValues } from './model.js';

interface Props {
  fields: FieldSpec[];
  values: StepValues;
  errors: StepErrors;
  onChange: (field: StepField, value: string) => void;
}

export function StepFields({ fields, values, errors, onChange }: Props) {
  const { t } = useTranslation();
  const message = (code: string | undefined, field: StepField) =>
    code === 'future' ? t('stepForm.futureTime') : code && describeProblem(code, t, field);

  return (
    <>
      {fields.map(({ field, required, waived }) => {
        const common = { label: t(`field.${field}`), required, error: message(errors[field], field), ...(waived ? { hint: t('field.reasonWaived') } : {}) };
        const set = (e: { target: { value: string } }) => onChange(field, e.target.value);
        switch (field) {
          case 'reasonCode':
            return (
              <Field key={field} {...common}>
                {(p) => (
                  <select {...p} name={field} value={values[field]} onChange={set}>
                    <option value="">{t('field.reasonCodeNone')}</option>
                    {REASON_CODES.map((code) => <option key={code} value={code}>{t(`reason.${code}`)}</option>)}
                  </select>
                )}
              </Field>
            );
          case 'plannedDate':
          case 'until':
            return (
              <Field key={field} {...common}>
                {(p) => <input {...p} name={field} type="date" value={values[field]} onChange={set} />}
              </Field>
            );
          case 'reason':
          case 'note':
            return (
              <Field key={field} {...common}>
                {(p) => <textarea {...p} name={field} rows={2} value={values[field]} onChange={set} maxLength={field === 'note' ? 1000 : 500} />}
              </Field>
            );
          default:
            return (
              <Field key={field} {...common} hint={field === 'platformRef' ? t('field.platformRefHint') : undefined}>
                {(p) => <input {...p} name={field} value={values[field]} onChange={set} maxLength={100} autoComplete="off" />}
              </Field>
            );
        }
      })}
    </>
  );
}

// One step from a unit card: the step's required fields (if any), then send. Offline it is kept
// on the device and sent later; the card shows it as not yet sent.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepField, StepType } from '../../../../../../shared/domain/steps.js';
import type { Unit } from '../../../../../../shared/schemas/index.js';
import { useOnline } from '../../../../shared/lib/use-online.js';
import { ErrorNotice } from '../../../../shared/components/ErrorNotice.js';
import { useFormat } from '../../../../shared/lib/use-format.js';
import { newUuid } from '../../../../shared/lib/uuid.js';
import { useSendStep, type SendResult } from '../../api/send-step.js';
import { buildStep, emptyValues, stepFields, type StepErrors, type StepValues } from '../step-form/model.js';
import { StepFields } from '../step-form/StepFields.js';

interface Props {
  unit: Unit;
  type: StepType;
  onDone: (result: SendResult) => void;
  onCancel: () => void;
}

export function QuickStep({ unit, type, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const online = useOnline();
  const [values, setValues] = useState<StepValues>(emptyValues);
  const [errors, setErrors] = useState<StepErrors>({});
  // one id for this step however often the send button is pressed
  const [clientEventId] = useState(newUuid);
  const send = useSendStep(unit);
  const fields = stepFields(type, values);
  const asked = fields.filter((f) => f.required || f.field !== 'note');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = buildStep(type, values, { timeZone: format.timezone, clientEventId, occurredAtTouched: false });
    setErrors(built.errors);
    if (built.step) send.mutate(built.step, { onSuccess: onDone });
  };

  return (
    <form className="quick-step" onSubmit={submit} noValidate aria-label={t(`step.${type}`)}>
      <p className="quick-step__title">{asked.length ? t('fieldHome.fillAndSend', { step: t(`step.${type}`) }) : t('fieldHome.confirmStep', { step: t(`step.${type}`) })}</p>
      {asked.length > 0 && (
        <StepFields fields={asked} values={values} errors={errors} onChange={(f: StepField, v: string) => setValues((old) => ({ ...old, [f]: v }))} />
      )}
      <ErrorNotice error={send.error} />
      <div className="quick-step__actions">
        <button type="submit" className="button button--big" disabled={send.isPending}>
          {send.isPending ? t('stepForm.submitting') : online ? t('fieldHome.send') : t('fieldHome.keep')}
        </button>
        <button type="button" className="button button--secondary button--big" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}

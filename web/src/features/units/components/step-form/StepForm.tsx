// Log a step: only the steps the stage machine allows this user now, with exactly their fields.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedSteps } from '../../../../../../shared/domain/progress.js';
import type { StepField, StepType } from '../../../../../../shared/domain/steps.js';
import type { Unit } from '../../../../../../shared/schemas/index.js';
import { describeProblem } from '../../../../shared/api/describe-error.js';
import { ErrorNotice } from '../../../../shared/components/ErrorNotice.js';
import { Field } from '../../../../shared/components/Field.js';
import { toWallInput } from '../../../../shared/lib/time.js';
import { useFormat } from '../../../../shared/lib/use-format.js';
import { newUuid } from '../../../../shared/lib/uuid.js';
import { EntryStatus } from '../../../field/index.js';
import { useSessionUser } from '../../../../shared/session/session.js';
import { useSendStep } from '../../api/send-step.js';
import { buildStep, emptyValues, stepFields, type StepErrors, type StepValues } from './model.js';
import { StepFields } from './StepFields.js';

/** Verifying and rejecting have their own panel. */
const REVIEW_STEPS: readonly StepType[] = ['registration.verified', 'registration.rejected'];

export function offeredSteps(unit: Unit, role: Parameters<typeof allowedSteps>[1], ownUnit: boolean): StepType[] {
  return allowedSteps(unit.progress, role, ownUnit).filter((type) => !REVIEW_STEPS.includes(type));
}

/**
 * `unit` carries the progress the server last told; `progress` the one with unsent steps applied;
 * `previousRef` the 申报编号 last submitted, offered again when a registration is resubmitted.
 */
export function StepForm({ unit, progress = unit.progress, previousRef = '' }: { unit: Unit; progress?: Unit['progress']; previousRef?: string }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const format = useFormat();
  const types = offeredSteps({ ...unit, progress }, user.role, user.unitId === unit.id);
  const [chosen, setChosen] = useState<StepType | ''>('');
  const type: StepType | '' = chosen && types.includes(chosen) ? chosen : types.length === 1 ? types[0] : '';
  const [values, setValues] = useState<StepValues>(() => ({ ...emptyValues(), occurredAt: toWallInput(new Date(), format.timezone) }));
  const [touched, setTouched] = useState(false);
  // until the person edits it, the resubmission carries the number submitted last time
  const [refEdited, setRefEdited] = useState(false);
  const prefilled = !refEdited && previousRef !== '' && type === 'registration.submitted';
  const shown: StepValues = prefilled ? { ...values, platformRef: previousRef } : values;
  const [errors, setErrors] = useState<StepErrors>({});
  const [clientEventId, setClientEventId] = useState(newUuid);
  /** the step just logged: its status below the form follows the outbox (sent, waiting, refused) */
  const [done, setDone] = useState<{ clientEventId: string; step: string } | null>(null);
  const create = useSendStep(unit);

  if (types.length === 0) return null;

  const change = (field: StepField | 'occurredAt', value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
    if (field === 'occurredAt') setTouched(true);
    if (field === 'platformRef') setRefEdited(true);
    setDone(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!type) return;
    const built = buildStep(type, shown, { timeZone: format.timezone, clientEventId, occurredAtTouched: touched });
    setErrors(built.errors);
    if (!built.step) return;
    create.mutate(built.step, {
      onSuccess: (result) => {
        setDone({ clientEventId: result.clientEventId, step: t(`step.${type}`) });
        setValues({ ...emptyValues(), occurredAt: toWallInput(new Date(), format.timezone) });
        setTouched(false);
        setRefEdited(false);
        setChosen('');
        // the next step is another step: a new id; a retry of this one kept the same id
        setClientEventId(newUuid());
      },
    });
  };

  const single = user.role === 'unit' && types.length === 1;
  const title = single
    ? unit.progress.registration.blockedBy === 'rejected'
      ? t('stepForm.resubmitRegistration')
      : t('stepForm.submitRegistration')
    : t('stepForm.title');

  return (
    <section className="panel" aria-labelledby="step-form-title">
      <h2 id="step-form-title">{title}</h2>
      <form className="form" onSubmit={submit} noValidate>
        {!single && (
          <Field label={t('field.type')} required>
            {(p) => (
              <select {...p} name="type" value={type} onChange={(e) => { setChosen(e.target.value as StepType); setErrors({}); setDone(null); create.reset(); }}>
                {types.length > 1 && <option value="">{t('stepForm.chooseStep')}</option>}
                {types.map((s) => <option key={s} value={s}>{t(`step.${s}`)}</option>)}
              </select>
            )}
          </Field>
        )}
        {type && (
          <>
            <StepFields fields={stepFields(type, shown)} values={shown} errors={errors} onChange={change} />
            {prefilled && <p className="muted" role="note">{t('stepForm.previousRef', { ref: previousRef })}</p>}
            <Field
              label={t('field.occurredAt')}
              hint={t('field.occurredAtHint', { tz: format.zoneName })}
              error={errors.occurredAt === 'future' ? t('stepForm.futureTime') : errors.occurredAt && describeProblem(errors.occurredAt, t, 'occurredAt')}
            >
              {(p) => <input {...p} name="occurredAt" type="datetime-local" value={values.occurredAt} onChange={(e) => change('occurredAt', e.target.value)} />}
            </Field>
          </>
        )}
        {Object.values(errors).some(Boolean) && <p className="notice notice--error" role="alert">{t('stepForm.invalid')}</p>}
        <ErrorNotice error={create.error} />
        {done && <EntryStatus clientEventId={done.clientEventId} step={done.step} fallback={t('outbox.recorded', { step: done.step })} />}
        <button type="submit" className="button" disabled={!type || create.isPending}>
          {create.isPending ? t('stepForm.submitting') : single ? title : t('stepForm.submit')}
        </button>
      </form>
    </section>
  );
}

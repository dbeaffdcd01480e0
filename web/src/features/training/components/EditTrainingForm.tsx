// The office edits a training's details (who must attend is fixed at creation). Its start and end
// stay put once any unit's attendance is recorded: the inputs say so, and the server's refusal
// (a race with a sign-in) is shown in its words.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { toWallInput, wallInputToIso } from '../../../shared/lib/time.js';
import type { PatchTraining, Training } from '../../../../../shared/schemas/training.js';
import { usePatchTraining } from '../api/training.js';

type Text = 'title' | 'organiser' | 'trainer' | 'venue';

/** Whether the training's dates are fixed: any unit's attendance recorded (the server's rule). */
export const datesFixed = (tr: Training) => tr.counts.enrolled > tr.counts.invited;

export function EditTrainingForm({ training: tr, onDone }: { training: Training; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const patch = usePatchTraining(tr.id);
  const fixed = datesFixed(tr);
  const [v, setV] = useState({
    title: tr.title,
    organiser: tr.organiser,
    trainer: tr.trainer ?? '',
    venue: tr.venue,
    startsAt: toWallInput(new Date(tr.startsAt), format.timezone),
    endsAt: toWallInput(new Date(tr.endsAt), format.timezone),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // only what changed: unchanged dates are not sent, so a training with attendance still saves
    const body: PatchTraining = {};
    for (const key of ['title', 'organiser', 'venue'] as const) if (v[key].trim() !== tr[key]) body[key] = v[key].trim();
    if (v.trainer.trim() !== (tr.trainer ?? '')) body.trainer = v.trainer.trim();
    // a date is sent only when its input was changed: the input holds minutes, a training made
    // through the API may hold seconds, and resending it would be refused once attendance exists
    for (const key of ['startsAt', 'endsAt'] as const) {
      if (v[key] !== toWallInput(new Date(tr[key]), format.timezone)) body[key] = wallInputToIso(v[key], format.timezone) ?? '';
    }
    if (Object.keys(body).length === 0) return onDone();
    patch.mutate(body, { onSuccess: onDone });
  };
  const text = (key: Text) => (
    <Field label={t(`training.field.${key}`)} required={key !== 'trainer'}>
      {(p) => <input {...p} name={key} value={v[key]} onChange={(e) => setV({ ...v, [key]: e.target.value })} />}
    </Field>
  );
  const when = (key: 'startsAt' | 'endsAt') => (
    <Field label={t(`training.field.${key}`)} required hint={fixed ? t('training.datesFixedHint') : undefined}>
      {(p) => <input {...p} name={key} type="datetime-local" disabled={fixed} value={v[key]} onChange={(e) => setV({ ...v, [key]: e.target.value })} />}
    </Field>
  );
  return (
    <form className="form card no-print" onSubmit={submit} noValidate aria-label={t('training.editTitle')}>
      <div className="form-grid">
        {text('title')}
        {text('organiser')}
        {text('trainer')}
        {text('venue')}
        {when('startsAt')}
        {when('endsAt')}
      </div>
      {patch.isError && <ErrorNotice error={patch.error} />}
      <p className="button-row">
        <button type="submit" className="button" disabled={patch.isPending}>{t('training.save')}</button>
        <button type="button" className="button button--secondary" onClick={onDone}>{t('training.cancel')}</button>
      </p>
    </form>
  );
}

// The trainings of one's scope (a unit's contact: those its unit is enrolled in), and for the
// office a form to create one: who must attend by unit kinds (and the numbers of the area).
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { TOPICS } from '../../../../../shared/schemas/training.js';
import { useCreateTraining, useTrainings } from '../api/training.js';
import { TrainingNumbers } from './TrainingNumbers.js';

export function TrainingsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useSessionUser();
  const list = useTrainings();
  const [creating, setCreating] = useState(false);
  if (list.isPending) return <Loading />;
  if (list.isError) return <PageError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <div className="page-head">
        <h1>{t('training.title')}</h1>
        {user.role === 'office' && !creating && (
          <p className="page-head__actions"><button type="button" className="button" onClick={() => setCreating(true)}>{t('training.create')}</button></p>
        )}
      </div>
      <p className="page-intro">{t('training.intro')}</p>
      {creating && <CreateForm onDone={() => setCreating(false)} />}
      {user.role !== 'unit' && user.role !== 'technician' && <TrainingNumbers />}
      {list.data.length === 0 ? (
        <p className="empty">{t('training.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table table--cards">
            <thead>
              <tr><th>{t('training.field.title')}</th><th>{t('training.field.startsAt')}</th><th>{t('training.field.venue')}</th><th>{t('training.statusLabel')}</th><th>{t('training.counts')}</th></tr>
            </thead>
            <tbody>
              {list.data.map((tr) => (
                <tr key={tr.id}>
                  <td data-label={t('training.field.title')}><Link to="/trainings/$trainingId" params={{ trainingId: tr.id }}>{tr.title}</Link><div className="muted">{tr.topics.map((x) => t(`training.topic.${x}`)).join('、')}</div></td>
                  <td className="nowrap" data-label={t('training.field.startsAt')}>{format.dateTime(tr.startsAt)}</td>
                  <td data-label={t('training.field.venue')}>{tr.venue}</td>
                  <td data-label={t('training.statusLabel')}>{t(`training.status.${tr.status}`)}</td>
                  <td data-label={t('training.counts')}>{t('training.countsLine', tr.counts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function CreateForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateTraining();
  const [v, setV] = useState({ title: '', organiser: '县电信局', trainer: '', venue: '', startsAt: '', endsAt: '' });
  const [topics, setTopics] = useState<string[]>(['network']);
  const [kinds, setKinds] = useState<string[]>(['township', 'department']);
  const toggle = (list: string[], x: string) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const at = (s: string) => (s ? new Date(s).toISOString() : '');
    create.mutate(
      { ...v, trainer: v.trainer || undefined, startsAt: at(v.startsAt), endsAt: at(v.endsAt), topics: topics as never, required: { kinds: kinds as never } },
      { onSuccess: onDone },
    );
  };
  const input = (key: keyof typeof v, type = 'text') => (
    <Field label={t(`training.field.${key}`)} required={key !== 'trainer'}>
      {(p) => <input {...p} name={key} type={type} value={v[key]} onChange={(e) => setV({ ...v, [key]: e.target.value })} />}
    </Field>
  );
  return (
    <form className="form card" onSubmit={submit} noValidate>
      <div className="form-grid">
        {input('title')}
        {input('organiser')}
        {input('trainer')}
        {input('venue')}
        {input('startsAt', 'datetime-local')}
        {input('endsAt', 'datetime-local')}
      </div>
      <fieldset>
        <legend>{t('training.field.topics')}</legend>
        {TOPICS.map((x) => (
          <label key={x} className="check"><input type="checkbox" checked={topics.includes(x)} onChange={() => setTopics(toggle(topics, x))} /> {t(`training.topic.${x}`)}</label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('training.field.required')}</legend>
        {(['township', 'department', 'other'] as const).map((x) => (
          <label key={x} className="check"><input type="checkbox" checked={kinds.includes(x)} onChange={() => setKinds(toggle(kinds, x))} /> {t(`kind.${x}`)}</label>
        ))}
      </fieldset>
      {create.isError && <ErrorNotice error={create.error} />}
      <p className="button-row">
        <button type="submit" className="button" disabled={create.isPending}>{t('training.create')}</button>
        <button type="button" className="button button--secondary" onClick={onDone}>{t('training.cancel')}</button>
      </p>
    </form>
  );
}

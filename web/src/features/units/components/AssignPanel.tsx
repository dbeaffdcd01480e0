// Who looks after this unit: the office picks a technician; a technician sees it is theirs.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../../../shared/schemas/index.js';
import { ErrorNotice, SuccessNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { useTechnicians } from '../api/get-technicians.js';
import { useUpdateUnit } from '../api/update-unit.js';

export function AssignPanel({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  if (user.role === 'office') return <AssignForm unit={unit} />;
  if (user.role === 'technician' && unit.assigneeId === user.id) {
    return <p className="notice notice--info">{t('assign.yours')}</p>;
  }
  return null;
}

function AssignForm({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const technicians = useTechnicians();
  const update = useUpdateUnit(unit.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const value = chosen ?? unit.assigneeId ?? '';
  const [done, setDone] = useState(false);

  return (
    <section className="panel" aria-labelledby="assign-title">
      <h2 id="assign-title">{t('assign.title')}</h2>
      <form
        className="form form--inline"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(false);
          update.mutate({ assigneeId: value || null }, { onSuccess: () => { setDone(true); setChosen(null); } });
        }}
      >
        <Field label={t('assign.technician')}>
          {(p) => (
            <select {...p} name="assigneeId" value={value} onChange={(e) => { setChosen(e.target.value); setDone(false); }} disabled={technicians.isPending}>
              <option value="">{t('assign.nobody')}</option>
              {(technicians.data ?? []).map((tech) => (
                <option key={tech.id} value={tech.id}>{tech.displayName}（{tech.username}）</option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button" disabled={update.isPending || value === (unit.assigneeId ?? '')}>
          {t('assign.save')}
        </button>
      </form>
      <ErrorNotice error={technicians.error ?? update.error} />
      <SuccessNotice>{done ? t('assign.saved') : null}</SuccessNotice>
    </section>
  );
}

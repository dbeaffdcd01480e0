// The office assigns many units at once: the ones ticked in the list, or every unit of an area.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../../../shared/schemas/index.js';
import { ErrorNotice, SuccessNotice } from '../../../../shared/components/ErrorNotice.js';
import { Field } from '../../../../shared/components/Field.js';
import { useAssignUnits } from '../../api/assign-units.js';

interface Props {
  selected: ReadonlySet<string>;
  technicians: User[];
  onDone: () => void;
}

export function BulkAssign({ selected, technicians, onDone }: Props) {
  const { t } = useTranslation();
  const assign = useAssignUnits();
  const [technicianId, setTechnicianId] = useState('');
  const [parentCode, setParentCode] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const run = (body: { unitIds?: string[]; parentCode?: string }) => {
    setDone(null);
    assign.mutate(
      { technicianId: technicianId || null, ...body },
      {
        onSuccess: ({ updated }) => {
          setDone(t('assign.bulkDone', { count: updated }));
          onDone();
        },
      },
    );
  };

  const picker = (
    <Field label={t('assign.technician')}>
      {(p) => (
        <select {...p} name="technicianId" value={technicianId} onChange={(e) => setTechnicianId(e.target.value)}>
          <option value="">{t('assign.nobody')}</option>
          {technicians.map((u) => <option key={u.id} value={u.id}>{u.displayName}（{u.username}）</option>)}
        </select>
      )}
    </Field>
  );

  return (
    <section className="panel" aria-labelledby="bulk-assign-title">
      <h2 id="bulk-assign-title">{t('assign.bulkTitle')}</h2>
      <div className="form-grid bulk-assign">
        {picker}
        <div className="field">
          <button type="button" className="button" disabled={selected.size === 0 || assign.isPending} onClick={() => run({ unitIds: [...selected] })}>
            {t('assign.assignSelected', { count: selected.size })}
          </button>
        </div>
        <form
          className="form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            if (parentCode.trim()) run({ parentCode: parentCode.trim() });
          }}
        >
          <Field label={t('assign.byArea')} hint={t('assign.byAreaHint')}>
            {(p) => <input {...p} name="parentCode" value={parentCode} onChange={(e) => setParentCode(e.target.value)} maxLength={40} autoComplete="off" />}
          </Field>
          <button type="submit" className="button button--secondary" disabled={!parentCode.trim() || assign.isPending}>
            {t('assign.assignArea')}
          </button>
        </form>
      </div>
      <ErrorNotice error={assign.error} />
      <SuccessNotice>{done}</SuccessNotice>
    </section>
  );
}

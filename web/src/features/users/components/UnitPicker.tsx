// Pick the unit a unit contact belongs to: type to narrow, then choose.
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../shared/components/Field.js';
import { useUnitSearch } from '../api/search-units.js';

export function UnitPicker({ value, onChange, error }: { value: string; onChange: (id: string) => void; error?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const deferred = useDeferredValue(q);
  const units = useUnitSearch(deferred);
  const items = units.data?.items ?? [];
  return (
    <>
      <Field label={t('users.unitSearch')}>
        {(p) => <input {...p} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}
      </Field>
      <Field label={t('users.unit')} required error={error}>
        {(p) => (
          <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">{t('users.unitPick')}</option>
            {items.map((u) => <option key={u.id} value={u.id}>{u.code} {u.name}</option>)}
          </select>
        )}
      </Field>
    </>
  );
}

// Office: create a unit, or edit one with its own due dates.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { I18nKey } from '../../../../i18n/keys.js';
import { UNIT_KINDS } from '../../../../../../shared/domain/catalogue.js';
import type { Unit } from '../../../../../../shared/schemas/index.js';
import { describeProblem } from '../../../../shared/api/describe-error.js';
import { ErrorNotice, SuccessNotice } from '../../../../shared/components/ErrorNotice.js';
import { Field } from '../../../../shared/components/Field.js';
import { Loading, PageError } from '../../../../shared/components/StatusPage.js';
import { Link, useNavigate } from '@tanstack/react-router';
import { useCreateUnit } from '../../api/create-unit.js';
import { useUnit } from '../../api/get-unit.js';
import { useUpdateUnit } from '../../api/update-unit.js';
import { checkUnit, unitValues, type UnitField, type UnitValues } from './unit-form-model.js';
import { useSessionUser } from '../../../../shared/session/session.js';
import { CountyField, useCountyFromCode } from '../../../areas/index.js';

export function UnitFormPage({ id }: { id?: string }) {
  if (!id) return <UnitForm />;
  return <EditUnit id={id} />;
}

function EditUnit({ id }: { id: string }) {
  const unit = useUnit(id);
  if (unit.isPending) return <Loading />;
  if (unit.isError) return <PageError error={unit.error} onRetry={() => void unit.refetch()} />;
  return <UnitForm unit={unit.data} />;
}

const labels: Record<UnitField, I18nKey> = {
  code: 'units.code',
  name: 'units.name',
  kind: 'units.kind',
  parentCode: 'unit.parentCode',
  contactName: 'unit.contactName',
  contactPhone: 'unit.contactPhone',
  address: 'unit.address',
  wiringDue: 'unit.wiringDue',
  connectionDue: 'unit.connectionDue',
};

function UnitForm({ unit }: { unit?: Unit }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [values, setValues] = useState<UnitValues>(() => unitValues(unit));
  const [errors, setErrors] = useState<Partial<Record<UnitField, string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const create = useCreateUnit();
  const update = useUpdateUnit(unit?.id ?? '');
  const mutation = unit ? update : create;
  // 所属区县 (areaCode): a county office's own county by default, a township's from its code
  const me = useSessionUser();
  const initialCounty = unit ? unit.areaCode : me.scope?.length === 6 ? me.scope : null;
  const [areaCode, setAreaCode] = useState<string | null>(initialCounty);
  const [filledFrom, setFilledFrom] = useState<string | null>(null);
  const [areaError, setAreaError] = useState<string | undefined>();
  // filled only once the user types a code or picks a kind: an edited unit keeps its county
  const [touched, setTouched] = useState(false);
  const found = useCountyFromCode(touched ? values.code : '', values.kind, me.scope);
  const fill = found && values.code.trim();
  const [lastFill, setLastFill] = useState<string | null>(null);
  if (fill !== lastFill) {
    setLastFill(fill);
    if (found && fill) {
      setAreaCode(found);
      setFilledFrom(fill);
      setAreaError(undefined);
    } else if (filledFrom) {
      setFilledFrom(null); // the code no longer names it: keep the county, no longer say why
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkUnit(values);
    setErrors(checked.errors);
    // a scope wider than a county has no county of its own to fall back on: the server would refuse
    const countyUnchosen = areaCode === null && me.scope !== null && me.scope.length < 6;
    const countyMissing = countyUnchosen || (areaCode !== null && areaCode.length !== 6);
    setAreaError(countyUnchosen ? t('areas.countyChoose') : countyMissing ? t('areas.countyRequired') : undefined);
    if (!checked.unit || countyMissing) return;
    // sent only when set or changed: an installation without areas sends what it always did
    const body = areaCode !== initialCounty || (!unit && areaCode) ? Object.assign(checked.unit, { areaCode }) : checked.unit;
    if (unit) update.mutate(body, { onSuccess: () => setSaved(t('unitForm.saved')) });
    else create.mutate(body, { onSuccess: (made) => void navigate({ to: '/units/$id', params: { id: made.id } }) });
  };

  const input = (field: UnitField, extra: { type?: string; required?: boolean; hint?: string; autoComplete?: string } = {}) => (
    <Field label={t(labels[field])} required={extra.required} hint={extra.hint} error={errors[field] && describeProblem(errors[field], t, field)}>
      {(p) => (
        <input
          {...p}
          name={field}
          type={extra.type ?? 'text'}
          autoComplete={extra.autoComplete ?? 'off'}
          value={values[field]}
          onChange={(e) => { setValues((v) => ({ ...v, [field]: e.target.value })); setSaved(null); if (field === 'code') setTouched(true); }}
        />
      )}
    </Field>
  );

  return (
    <section>
      <p className="breadcrumb">
        <Link {...(unit ? { to: '/units/$id', params: { id: unit.id } } as const : { to: '/units' } as const)}>← {t('app.back')}</Link>
      </p>
      <h1>{unit ? t('unitForm.editTitle', { name: unit.name }) : t('unitForm.createTitle')}</h1>
      <form className="form" onSubmit={submit} noValidate>
        <div className="form-grid">
          {input('code', { required: true })}
          {input('name', { required: true })}
          <Field label={t('units.kind')} required>
            {(p) => (
              <select {...p} name="kind" value={values.kind} onChange={(e) => { setValues((v) => ({ ...v, kind: e.target.value })); setTouched(true); }}>
                {UNIT_KINDS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
              </select>
            )}
          </Field>
          {input('parentCode')}
          {input('contactName', { autoComplete: 'name' })}
          {input('contactPhone', { type: 'tel', autoComplete: 'tel' })}
        </div>
        {input('address', { autoComplete: 'street-address' })}
        <CountyField value={areaCode} onChange={(code) => { setAreaCode(code); setFilledFrom(null); setAreaError(undefined); setSaved(null); }} filledFrom={filledFrom} error={areaError} />
        <fieldset>
          <legend>{t('unit.deadlines')}</legend>
          <p className="field__hint">{t('unitForm.dueHint')}</p>
          <div className="form-grid">
            {input('wiringDue', { type: 'date' })}
            {input('connectionDue', { type: 'date' })}
          </div>
        </fieldset>
        <ErrorNotice error={mutation.error} />
        <SuccessNotice>{saved}</SuccessNotice>
        <div className="button-row">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? t('app.saving') : t('app.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

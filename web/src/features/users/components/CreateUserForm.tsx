import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../../shared/domain/catalogue.js';
import { CreateUser } from '../../../../../shared/schemas/index.js';
import { describeProblem } from '../../../shared/api/describe-error.js';
import { ErrorNotice, SuccessNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useCreateUser } from '../api/create-user.js';
import { UnitPicker } from './UnitPicker.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { AreaCascade } from '../../areas/index.js';

type Values = { username: string; displayName: string; role: Role; password: string; unitId: string; phone: string };
const empty: Values = { username: '', displayName: '', role: 'technician', password: '', unitId: '', phone: '' };

export function CreateUserForm() {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [done, setDone] = useState<string | null>(null);
  const create = useCreateUser();
  // an office, viewer or technician sees one area: by default the creating office's own scope,
  // and never one wider (the picker offers nothing above it; the server refuses it too)
  const me = useSessionUser();
  const [scope, setScope] = useState<string | null>(me.scope);
  const scoped = values.role !== 'unit';
  const set = (key: keyof Values, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
    setDone(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreateUser.safeParse({ ...values, unitId: values.role === 'unit' ? values.unitId || null : null, phone: values.phone.trim() || null });
    if (!parsed.success) {
      const found: typeof errors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof Values;
        found[key] ??= values[key] ? describeProblem(issue.message, t, key) : t('field.required');
      }
      setErrors(found);
      return;
    }
    create.mutate(scoped ? { ...parsed.data, scope: scope ?? me.scope } : parsed.data, {
      onSuccess: (user) => {
        setDone(t('users.created', { name: user.displayName }));
        setValues(empty);
        setScope(me.scope);
      },
    });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="form-grid">
        <Field label={t('users.username')} required error={errors.username}>
          {(p) => <input {...p} autoComplete="off" value={values.username} onChange={(e) => set('username', e.target.value)} />}
        </Field>
        <Field label={t('users.displayName')} required error={errors.displayName}>
          {(p) => <input {...p} autoComplete="off" value={values.displayName} onChange={(e) => set('displayName', e.target.value)} />}
        </Field>
        <Field label={t('users.role')} required error={errors.role}>
          {(p) => (
            <select {...p} value={values.role} onChange={(e) => set('role', e.target.value)}>
              {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('users.password')} required hint={t('users.passwordHint')} error={errors.password}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={values.password} onChange={(e) => set('password', e.target.value)} />}
        </Field>
        {/* a technician's phone: the units it looks after see it on their page */}
        <Field label={t('users.phone')} hint={t('users.phoneHint')} error={errors.phone}>
          {(p) => <input {...p} type="tel" name="phone" autoComplete="off" value={values.phone} onChange={(e) => set('phone', e.target.value)} />}
        </Field>
      </div>
      {scoped && (
        <AreaCascade label={t('areas.scope')} hint={t('areas.scopeHint')} root={me.scope} value={scope} onChange={(code) => { setScope(code); setDone(null); }} emptyLabel={me.scope ? t('areas.scopeOwn') : t('areas.scopeAll')} />
      )}
      {values.role === 'unit' && <UnitPicker value={values.unitId} onChange={(id) => set('unitId', id)} error={errors.unitId} />}
      <ErrorNotice error={create.error} />
      <SuccessNotice>{done}</SuccessNotice>
      <div className="button-row">
        <button type="submit" className="button" disabled={create.isPending}>{t('users.create')}</button>
      </div>
    </form>
  );
}

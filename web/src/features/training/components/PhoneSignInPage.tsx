// The phone's sign-in page, opened from the QR code (no account needed): choose the unit, type the
// name, the code (filled in from the address). A unit's contact signed in signs in with one tap.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { Loading } from '../../../shared/components/StatusPage.js';
import { useSignIn, useSignInPage } from '../api/training.js';

export function PhoneSignIn({ id, code: given, contactUnitId }: { id: string; code?: string; contactUnitId?: string | null }) {
  const { t } = useTranslation();
  const page = useSignInPage(id);
  const signIn = useSignIn(id);
  const [v, setV] = useState({ unitId: '', attendee: '', code: given ?? '' });
  if (page.isPending) return <Loading />;
  if (page.isError) return <section className="phone-sign-in"><h1>{t('training.signInTitle')}</h1><ErrorNotice error={page.error} /></section>;
  const ownUnit = contactUnitId ? page.data.units.find((u) => u.id === contactUnitId) : undefined;
  if (signIn.isSuccess) {
    return (
      <section className="phone-sign-in">
        <h1>{page.data.training.title}</h1>
        <p className="success" role="status">{t('training.signedInAs', { name: signIn.data.attendee ?? '' })}</p>
      </section>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ code: v.code.trim(), unitId: v.unitId, attendee: v.attendee.trim() });
  };
  return (
    <section className="phone-sign-in">
      <h1>{page.data.training.title}</h1>
      <p className="muted">{page.data.training.venue}</p>
      {ownUnit && (
        <p><button type="button" className="button button--wide" disabled={signIn.isPending || !v.code} onClick={() => signIn.mutate({ code: v.code.trim() })}>{t('training.oneTap', { unit: ownUnit.name })}</button></p>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('training.unit')} required>
          {(p) => (
            <select {...p} name="unitId" value={v.unitId} onChange={(e) => setV({ ...v, unitId: e.target.value })}>
              <option value="">{t('training.chooseUnit')}</option>
              {page.data.units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('training.field.attendee')} required>{(p) => <input {...p} name="attendee" autoComplete="name" value={v.attendee} onChange={(e) => setV({ ...v, attendee: e.target.value })} />}</Field>
        <Field label={t('training.codeLabel')} required>{(p) => <input {...p} name="code" inputMode="numeric" maxLength={6} value={v.code} onChange={(e) => setV({ ...v, code: e.target.value })} />}</Field>
        {signIn.isError && <ErrorNotice error={signIn.error} />}
        <p><button type="submit" className="button button--wide" disabled={signIn.isPending || !v.unitId || !v.attendee.trim() || v.code.trim().length !== 6}>{t('training.signIn')}</button></p>
      </form>
    </section>
  );
}

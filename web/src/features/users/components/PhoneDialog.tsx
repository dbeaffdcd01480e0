// A user's phone (issue 27, "no dead ends"): the units a technician looks after see it on their
// page, so the office sets or clears it here; empty clears it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PatchUser, type User } from '../../../../../shared/schemas/index.js';
import { describeProblem } from '../../../shared/api/describe-error.js';
import { Dialog } from '../../../shared/components/Dialog.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useUpdateUser } from '../api/update-user.js';

export function PhoneDialog({ user, onDone, onClose }: { user: User; onDone: (message: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState(user.phone ?? '');
  const [error, setError] = useState<string>();
  const update = useUpdateUser();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = PatchUser.safeParse({ phone: phone.trim() || null });
    if (!parsed.success) {
      setError(describeProblem(parsed.error.issues[0]?.message ?? '', t, 'phone'));
      return;
    }
    update.mutate({ id: user.id, changes: parsed.data }, { onSuccess: (u) => { onDone(t('users.changed', { name: u.displayName })); onClose(); } });
  };
  return (
    <Dialog title={`${t('users.changePhone')}：${user.displayName}`} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('users.phone')} hint={t('users.phoneHint')} error={error}>
          {(p) => <input {...p} type="tel" name="phone" autoComplete="off" value={phone} onChange={(e) => { setPhone(e.target.value); setError(undefined); }} />}
        </Field>
        <ErrorNotice error={update.error} />
        <div className="button-row">
          <button type="submit" className="button" disabled={update.isPending}>{t('app.save')}</button>
          <button type="button" className="button button--secondary" onClick={onClose}>{t('app.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Password, type User } from '../../../../../shared/schemas/index.js';
import { Dialog } from '../../../shared/components/Dialog.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useUpdateUser } from '../api/update-user.js';

export function ResetPasswordDialog({ user, onDone, onClose }: { user: User; onDone: (message: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const update = useUpdateUser();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!Password.safeParse(password).success) {
      setError(t('users.passwordHint'));
      return;
    }
    update.mutate({ id: user.id, changes: { password } }, { onSuccess: () => { onDone(t('users.resetDone', { name: user.displayName })); onClose(); } });
  };
  return (
    <Dialog title={`${t('users.resetPassword')}：${user.displayName}`} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('users.newPassword')} required hint={t('users.passwordHint')} error={error}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => { setPassword(e.target.value); setError(undefined); }} />}
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

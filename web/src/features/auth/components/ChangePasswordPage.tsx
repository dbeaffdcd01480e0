// Any signed-in user: change one's own password (the current one first). The other devices'
// logins end; this one goes on.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Password } from '../../../../../shared/schemas/index.js';
import { isApiError } from '../../../shared/api/http.js';
import { ErrorNotice, SuccessNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useChangePassword } from '../api/change-password.js';
import { lockoutMinutes } from '../lockout.js';

type Errors = Partial<Record<'currentPassword' | 'newPassword' | 'repeat', string>>;

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!currentPassword) found.currentPassword = t('account.currentRequired');
    if (!Password.safeParse(newPassword).success) found.newPassword = t('users.passwordHint');
    else if (newPassword === currentPassword) found.newPassword = t('account.mustDiffer');
    if (repeat !== newPassword) found.repeat = t('account.repeatMismatch');
    setErrors(found);
    setDone(false);
    if (Object.keys(found).length) return;
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
          setRepeat('');
          setDone(true);
        },
        onError: (error) => {
          // the server's word on a field goes under that field
          const fields = isApiError(error) && error.status === 400 ? (error.details as { field?: string }[] | undefined) : undefined;
          if (fields?.some((f) => f.field === 'currentPassword')) setErrors({ currentPassword: t('account.currentWrong') });
          else if (fields?.some((f) => f.field === 'newPassword')) setErrors({ newPassword: t('account.mustDiffer') });
        },
      },
    );
  };

  const minutes = lockoutMinutes(change.error);
  const fieldError = isApiError(change.error) && change.error.status === 400;
  const clear = (key: keyof Errors) => setErrors((e) => ({ ...e, [key]: undefined }));

  return (
    // the same card as the login form
    <section className="login">
      <h1>{t('account.title')}</h1>
      <p>{t('account.intro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('account.current')} required error={errors.currentPassword}>
          {(p) => <input {...p} type="password" name="currentPassword" autoComplete="current-password" value={currentPassword} onChange={(e) => { setCurrent(e.target.value); clear('currentPassword'); }} />}
        </Field>
        <Field label={t('users.newPassword')} required hint={t('users.passwordHint')} error={errors.newPassword}>
          {(p) => <input {...p} type="password" name="newPassword" autoComplete="new-password" value={newPassword} onChange={(e) => { setNew(e.target.value); clear('newPassword'); }} />}
        </Field>
        <Field label={t('account.repeat')} required error={errors.repeat}>
          {(p) => <input {...p} type="password" name="repeat" autoComplete="new-password" value={repeat} onChange={(e) => { setRepeat(e.target.value); clear('repeat'); }} />}
        </Field>
        {minutes !== undefined ? (
          <p className="notice notice--error" role="alert">{t('auth.rateLimitedWait', { count: minutes })}</p>
        ) : (
          !fieldError && <ErrorNotice error={change.error} />
        )}
        <SuccessNotice>{done ? t('account.done') : null}</SuccessNotice>
        <div className="button-row">
          <button type="submit" className="button" disabled={change.isPending}>
            {change.isPending ? t('app.saving') : t('account.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

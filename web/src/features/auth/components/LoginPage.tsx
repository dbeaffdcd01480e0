import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/http.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { Field } from '../../../shared/components/Field.js';
import { useLogin } from '../api/login.js';
import { lockoutMinutes } from '../lockout.js';

export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username: username.trim(), password });
  };

  const error = login.error;
  const known = isApiError(error) && (error.status === 401 || error.status === 429);
  // "请 15 分钟后再试": the server says how long the lockout lasts
  const minutes = lockoutMinutes(error);

  return (
    <section className="login">
      <h1>{t('auth.title')}</h1>
      <p>{t('auth.intro')}</p>
      <form onSubmit={submit} className="form" noValidate>
        <Field label={t('auth.username')} required>
          {(p) => (
            <input {...p} name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
          )}
        </Field>
        <Field label={t('auth.password')} required>
          {(p) => (
            <input
              {...p}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {known ? (
          <p className="notice notice--error" role="alert">
            {error.status === 401 ? t('auth.wrongCredentials') : minutes ? t('auth.rateLimitedWait', { count: minutes }) : t('auth.rateLimited')}
          </p>
        ) : (
          <ErrorNotice error={error} />
        )}
        <button type="submit" className="button" disabled={login.isPending || !username || !password}>
          {login.isPending ? t('auth.submitting') : t('auth.submit')}
        </button>
      </form>
    </section>
  );
}

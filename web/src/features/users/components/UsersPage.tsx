// Office: the accounts, with create, disable/enable and password reset.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../../shared/schemas/index.js';
import { ErrorNotice, SuccessNotice } from '../../../shared/components/ErrorNotice.js';
import { Pager } from '../../../shared/components/Pager.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { Link } from '@tanstack/react-router';
import { useSearchParams } from '../../../shared/router/search.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { useUnitNames } from '../api/get-unit-names.js';
import { USERS_PAGE_SIZE, useUsers } from '../api/get-users.js';
import { useUpdateUser } from '../api/update-user.js';
import { CreateUserForm } from './CreateUserForm.js';
import { ResetPasswordDialog } from './ResetPasswordDialog.js';
import { PhoneDialog } from './PhoneDialog.js';
import { ScopeName, ScopeDialog } from '../../areas/index.js';

export function UsersPage() {
  const { t } = useTranslation();
  const me = useSessionUser();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const users = useUsers(page);
  const unitNames = useUnitNames(users.data?.items.map((u) => u.unitId) ?? []);
  const update = useUpdateUser();
  const [resetting, setResetting] = useState<User | null>(null);
  const [rescoping, setRescoping] = useState<User | null>(null);
  const [phoning, setPhoning] = useState<User | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const toggle = (user: User) =>
    update.mutate(
      { id: user.id, changes: { disabled: !user.disabled } },
      { onSuccess: (u) => setMessage(t('users.changed', { name: u.displayName })) },
    );

  return (
    <section>
      <h1>{t('users.title')}</h1>
      <details className="panel">
        <summary><strong>{t('users.create')}</strong></summary>
        <CreateUserForm />
      </details>
      <SuccessNotice>{message}</SuccessNotice>
      <ErrorNotice error={update.error} />
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <PageError error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.items.length === 0 ? (
        <p className="empty">{t('users.empty')}</p>
      ) : (
        <>
          <table className="table table--cards">
            <thead>
              <tr>
                <th scope="col">{t('users.username')}</th>
                <th scope="col">{t('users.displayName')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.phone')}</th>
                <th scope="col" className="nowrap">{t('users.unit')}</th>
                <th scope="col">{t('areas.scope')}</th>
                <th scope="col">{t('users.state')}</th>
                <th scope="col">{t('users.createdAt')}</th>
                <th scope="col">{t('app.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((user) => (
                <tr key={user.id}>
                  <th scope="row" data-label={t('users.username')}>{user.username}</th>
                  <td data-label={t('users.displayName')} className="nowrap">{user.displayName}</td>
                  <td data-label={t('users.role')} className="nowrap">{t(`role.${user.role}`)}</td>
                  <td data-label={t('users.phone')} className="nowrap">{user.phone ?? '—'}</td>
                  <td data-label={t('users.unit')}>{user.unitId ? <Link to="/units/$id" params={{ id: user.unitId }}>{unitNames.get(user.unitId) ?? '…'}</Link> : '—'}</td>
                  <td data-label={t('areas.scope')} className="nowrap">{user.role === 'unit' ? '—' : <ScopeName code={user.scope ?? null} />}</td>
                  <td data-label={t('users.state')}>
                    <span className={user.disabled ? 'badge badge--void' : 'badge badge--done'}>{user.disabled ? t('users.disabled') : t('users.active')}</span>
                  </td>
                  <td data-label={t('users.createdAt')} className="nowrap">{format.date(user.createdAt)}</td>
                  <td data-label={t('app.actions')}>
                    <div className="button-row">
                      {user.id !== me.id && (
                        <button type="button" className="button button--small button--secondary" onClick={() => toggle(user)} disabled={update.isPending}>
                          {user.disabled ? t('users.enable') : t('users.disable')}
                          <span className="visually-hidden"> {user.username}</span>
                        </button>
                      )}
                      {user.role !== 'unit' && user.id !== me.id && (
                        <button type="button" className="button button--small button--secondary" onClick={() => setRescoping(user)}>
                          {t('areas.changeScope')}
                          <span className="visually-hidden"> {user.username}</span>
                        </button>
                      )}
                      <button type="button" className="button button--small button--secondary" onClick={() => setPhoning(user)}>
                        {t('users.changePhone')}
                        <span className="visually-hidden"> {user.username}</span>
                      </button>
                      <button type="button" className="button button--small button--secondary" onClick={() => setResetting(user)}>
                        {t('users.resetPassword')}
                        <span className="visually-hidden"> {user.username}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pageSize={USERS_PAGE_SIZE} total={users.data.total} onPage={(p) => setParams({ page: p })} />
        </>
      )}
      {rescoping && <ScopeDialog user={rescoping} onDone={setMessage} onClose={() => setRescoping(null)} />}
      {phoning && <PhoneDialog user={phoning} onDone={setMessage} onClose={() => setPhoning(null)} />}
      {resetting && <ResetPasswordDialog user={resetting} onDone={setMessage} onClose={() => setResetting(null)} />}
    </section>
  );
}

// Changes an office, viewer or technician user's scope, inside the changing office's own.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatchUser, User } from '../../../../../shared/schemas/index.js';
import { Dialog } from '../../../shared/components/Dialog.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { useUpdateUser } from '../../users/index.js';
import { AreaCascade } from './AreaCascade.js';

export function ScopeDialog({ user, onDone, onClose }: { user: User; onDone: (message: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSessionUser();
  const [scope, setScope] = useState<string | null>(user.scope ?? me.scope);
  const update = useUpdateUser();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // `scope` on PATCH /api/users/:id (docs/contract/api.md "Areas and scopes")
    const changes = { scope: scope ?? me.scope } as PatchUser;
    update.mutate({ id: user.id, changes }, { onSuccess: (u) => { onDone(t('users.changed', { name: u.displayName })); onClose(); } });
  };
  return (
    <Dialog title={`${t('areas.changeScope')}：${user.displayName}`} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <AreaCascade label={t('areas.scope')} hint={t('areas.scopeHint')} root={me.scope} value={scope} onChange={setScope} emptyLabel={me.scope ? t('areas.scopeOwn') : t('areas.scopeAll')} />
        <ErrorNotice error={update.error} />
        <div className="button-row">
          <button type="submit" className="button" disabled={update.isPending}>{t('app.save')}</button>
          <button type="button" className="button button--secondary" onClick={onClose}>{t('app.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}

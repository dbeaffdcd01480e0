// Revoking is final: the wall display goes blank within a minute and the link never works again.
import { useTranslation } from 'react-i18next';
import type { DisplayLink } from '../../../../../shared/schemas/display.js';
import { Dialog } from '../../../shared/components/Dialog.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { useRevokeDisplayLink } from '../api/display-links.js';

export function RevokeDialog({ link, onClose }: { link: DisplayLink; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeDisplayLink();
  return (
    <Dialog title={t('display.revokeTitle', { label: link.label })} onClose={onClose}>
      <p>{t('display.revokeExplain')}</p>
      <ErrorNotice error={revoke.error} />
      <div className="button-row">
        <button type="button" className="button button--danger" disabled={revoke.isPending} onClick={() => revoke.mutate(link.id, { onSuccess: onClose })}>
          {t('display.revokeConfirm')}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>{t('app.cancel')}</button>
      </div>
    </Dialog>
  );
}

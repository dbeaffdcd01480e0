// 大屏链接 (office): read-only links for the meeting-room screen (/screen), made with an expiry,
// shown once, listed with their state, revoked after a confirmation.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayLink } from '../../../../../shared/schemas/display.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { useDisplayLinks } from '../api/display-links.js';
import { CreateLinkForm } from './CreateLinkForm.js';
import { LinkShownOnce } from './LinkShownOnce.js';
import { RevokeDialog } from './RevokeDialog.js';

const STATUS_BADGE = { active: 'done', expired: 'void', revoked: 'blocked', orphaned: 'void' } as const;

export function DisplayLinksPage() {
  const { t } = useTranslation();
  const links = useDisplayLinks();
  const [creating, setCreating] = useState(false);
  // held in this component's state only: leaving the page forgets it, as the warning says
  const [made, setMade] = useState<{ url: string; label: string } | null>(null);
  const [revoking, setRevoking] = useState<DisplayLink | null>(null);
  return (
    <section>
      <div className="page-head">
        <h1>{t('display.title')}</h1>
        {!creating && !made && (
          <p className="page-head__actions">
            <button type="button" className="button" onClick={() => setCreating(true)}>{t('display.add')}</button>
          </p>
        )}
      </div>
      <p className="muted">{t('display.intro')}</p>
      {creating && (
        <div className="panel">
          <h2>{t('display.addTitle')}</h2>
          <CreateLinkForm
            onCancel={() => setCreating(false)}
            onCreated={(m) => {
              setCreating(false);
              setMade({ url: `${window.location.origin}${m.path}`, label: m.label });
            }}
          />
        </div>
      )}
      {made && <LinkShownOnce url={made.url} label={made.label} onDone={() => setMade(null)} />}
      {links.isPending ? (
        <Loading />
      ) : links.isError ? (
        <PageError error={links.error} onRetry={() => void links.refetch()} />
      ) : links.data.length === 0 ? (
        <p className="empty">{t('display.empty')}</p>
      ) : (
        <LinkTable links={links.data} onRevoke={setRevoking} />
      )}
      {revoking && <RevokeDialog link={revoking} onClose={() => setRevoking(null)} />}
    </section>
  );
}

function LinkTable({ links, onRevoke }: { links: DisplayLink[]; onRevoke: (link: DisplayLink) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <table className="table table--cards" aria-label={t('display.listLabel')}>
      <thead>
        <tr>
          <th scope="col">{t('display.label')}</th>
          <th scope="col">{t('display.scope')}</th>
          <th scope="col">{t('display.createdAt')}</th>
          <th scope="col">{t('display.expiresAt')}</th>
          <th scope="col">{t('display.status')}</th>
          <th scope="col">{t('app.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {links.map((l) => (
          <tr key={l.id}>
            <th scope="row" data-label={t('display.label')}>{l.label}</th>
            <td data-label={t('display.scope')}>{l.area?.name ?? t('display.ownScope')}</td>
            <td data-label={t('display.createdAt')}><time dateTime={l.createdAt}>{format.dateTime(l.createdAt)}</time></td>
            <td data-label={t('display.expiresAt')}><time dateTime={l.expiresAt}>{format.dateTime(l.expiresAt)}</time></td>
            <td data-label={t('display.status')}>
              <span className={`badge badge--${STATUS_BADGE[l.status]}`}>{t(`display.statuses.${l.status}`)}</span>
              {l.revokedAt && <span className="muted"> {format.dateTime(l.revokedAt)}</span>}
            </td>
            <td data-label={t('app.actions')}>
              {/* an orphaned link opens nothing now, but would again if its maker were re-enabled: it can be revoked for good */}
              {l.status === 'active' || l.status === 'orphaned' ? (
                <button type="button" className="button button--small button--danger" onClick={() => onRevoke(l)} aria-label={t('display.revokeOf', { label: l.label })}>
                  {t('display.revoke')}
                </button>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

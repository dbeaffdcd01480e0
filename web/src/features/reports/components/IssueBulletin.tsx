// Issuing the bulletin (with a confirmation: an issued one is numbered and never changes) and the
// list of those issued, each reprinted from what was stored.
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../shared/components/Dialog.js';
import { ErrorNotice } from '../../../shared/components/ErrorNotice.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { useBulletins, useIssueBulletin } from '../api/bulletins.js';
import type { LaggardFilters } from '../api/types.js';

export function IssueBulletin({ filters, date, signingOffice }: { filters: LaggardFilters; date: string; signingOffice: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const issue = useIssueBulletin();
  const navigate = useNavigate();
  const { page: _page, ...body } = filters as LaggardFilters & { page?: number };
  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>{t('voice.issue')}</button>
      {open && (
        <Dialog title={t('voice.issueTitle')} onClose={() => setOpen(false)}>
          <p>{t('voice.issueConfirm', { office: signingOffice, date })}</p>
          <ErrorNotice error={issue.error} />
          <div className="button-row">
            <button
              type="button"
              className="button"
              disabled={issue.isPending}
              onClick={() => issue.mutate(body, { onSuccess: (b) => void navigate({ to: '/bulletins/$id', params: { id: b.id } }) })}
            >
              {t('voice.issueNow')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>{t('app.cancel')}</button>
          </div>
        </Dialog>
      )}
    </>
  );
}

export function IssuedBulletins({ area }: { area: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useBulletins(area);
  const items = list.data?.items ?? [];
  return (
    <section className="no-print issued-bulletins" aria-labelledby="issued-bulletins">
      <h2 id="issued-bulletins">{t('voice.list')}</h2>
      {list.isError ? (
        <ErrorNotice error={list.error} />
      ) : list.isPending ? null : items.length === 0 ? (
        <p className="empty">{t('voice.listEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('voice.number')}</th>
                <th scope="col">{t('voice.asOf')}</th>
                <th scope="col">{t('voice.issuedAt')}</th>
                <th scope="col">{t('voice.issuedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((b) => (
                <tr key={b.id}>
                  <td className="nowrap">
                    <Link to="/bulletins/$id" params={{ id: b.id }} title={t('voice.reprint')}>{b.number}</Link>
                  </td>
                  <td className="nowrap">{format.date(b.asOf)}</td>
                  <td className="nowrap">{format.dateTime(b.issuedAt)}</td>
                  <td>{b.issuedBy.displayName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

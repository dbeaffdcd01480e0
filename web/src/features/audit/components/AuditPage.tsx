import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../../shared/schemas/index.js';
import { Pager } from '../../../shared/components/Pager.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { useSearchParams } from '../../../shared/router/router.js';
import { AUDIT_PAGE_SIZE, useAudit } from '../api/get-audit.js';

const detailsText = (details: unknown) =>
  details === null || details === undefined || (typeof details === 'object' && Object.keys(details).length === 0) ? '' : JSON.stringify(details);

export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const audit = useAudit(page);

  const actor = (entry: AuditEntry) =>
    entry.actor?.username ? `${entry.actor.username}${entry.actor.role ? `（${t(`role.${entry.actor.role}`)}）` : ''}` : t('audit.anonymous');

  return (
    <section>
      <h1>{t('audit.title')}</h1>
      {audit.isPending ? (
        <Loading />
      ) : audit.isError ? (
        <PageError error={audit.error} onRetry={() => void audit.refetch()} />
      ) : audit.data.items.length === 0 ? (
        <p className="empty">{t('audit.empty')}</p>
      ) : (
        <>
          <table className="table table--cards">
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.ip')}</th>
                <th scope="col">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.items.map((entry, i) => (
                <tr key={entry.id ?? i}>
                  <td data-label={t('audit.at')}><time dateTime={entry.at}>{format.dateTime(entry.at)}</time></td>
                  <td data-label={t('audit.actor')}>{actor(entry)}</td>
                  <td data-label={t('audit.action')}><code>{entry.action}</code></td>
                  <td data-label={t('audit.target')}>{entry.target ?? '—'}</td>
                  <td data-label={t('audit.ip')}>{entry.ip ?? '—'}</td>
                  <td data-label={t('audit.details')}><code className="audit__details">{detailsText(entry.details)}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pageSize={AUDIT_PAGE_SIZE} total={audit.data.total} onPage={(p) => setParams({ page: p })} />
        </>
      )}
    </section>
  );
}

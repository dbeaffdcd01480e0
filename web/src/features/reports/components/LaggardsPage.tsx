// The laggard board: units ranked most serious first, each flag a labelled badge with its days late.
import { useTranslation } from 'react-i18next';
import { Pager } from '../../../shared/components/Pager.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { Link, useSearchParams } from '../../../shared/router/router.js';
import { toQuery } from '../../../shared/api/http.js';
import { narrowLaggards } from '../aggregate.js';
import { LAGGARDS_PAGE_SIZE, laggardsFileUrl, useLaggards } from '../api/get-laggards.js';
import { FlagBadge } from './FlagBadge.js';
import { LaggardFilters, laggardFiltersFrom } from './LaggardFilters.js';
import { SeverityRule } from './SeverityRule.js';

export function LaggardsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const filters = laggardFiltersFrom(params);
  const page = Math.max(1, Number(filters.page) || 1);
  const { page: _page, ...shared } = filters;
  const report = useLaggards(filters);
  const items = report.data ? narrowLaggards(report.data.items, filters) : [];

  return (
    <section>
      <div className="page-head">
        <h1>{t('reports.laggardsTitle')}</h1>
        <p className="page-head__actions">
          <a className="button button--secondary" href={laggardsFileUrl('csv', filters)} download>{t('reports.exportCsv')}</a>
          <a className="button button--secondary" href={laggardsFileUrl('xlsx', filters)} download>{t('reports.exportXlsx')}</a>
          <Link className="button" to={`/laggards/bulletin${toQuery({ ...shared })}`}>{t('reports.bulletin')}</Link>
        </p>
      </div>
      <LaggardFilters />
      <SeverityRule />
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <PageError error={report.error} onRetry={() => void report.refetch()} />
      ) : report.data === null ? (
        <p className="empty">{t('reports.unavailable')}</p>
      ) : items.length === 0 ? (
        <p className="empty">{t('reports.noLaggards')}</p>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {t('reports.bulletinAsOf', { date: format.date(report.data.asOf) })} · {t('reports.shown', { shown: items.length, total: report.data.total })}
          </p>
          <table className="table table--cards">
            <thead>
              <tr>
                <th scope="col" className="num">{t('reports.rank')}</th>
                <th scope="col">{t('reports.unit')}</th>
                <th scope="col">{t('reports.kind')}</th>
                <th scope="col">{t('reports.flags')}</th>
                <th scope="col" className="num">{t('reports.severity')}</th>
                <th scope="col">{t('reports.lastEventAt')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((l, i) => (
                <tr key={l.unit.id}>
                  <td className="num" data-label={t('reports.rank')}>{(page - 1) * LAGGARDS_PAGE_SIZE + i + 1}</td>
                  <th scope="row" data-label={t('reports.unit')}>
                    <Link to={`/units/${encodeURIComponent(l.unit.id)}`}>{l.unit.name}</Link> <span className="muted">{l.unit.code}</span>
                  </th>
                  <td data-label={t('reports.kind')} className="nowrap">{t(`kind.${l.unit.kind}`)}</td>
                  <td data-label={t('reports.flags')}>{l.flags.map((f) => <FlagBadge key={f.category} flag={f} />)}</td>
                  <td className="num" data-label={t('reports.severity')}>{l.severity.toFixed(1)}</td>
                  <td data-label={t('reports.lastEventAt')} className="nowrap">{format.dateTime(l.lastEventAt) || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pageSize={LAGGARDS_PAGE_SIZE} total={report.data.total} onPage={(p) => setParams({ page: p })} />
        </>
      )}
    </section>
  );
}

// The laggard board: units ranked most serious first, each flag a labelled badge with its days late.
import { useTranslation } from 'react-i18next';
import { Pager } from '../../../shared/components/Pager.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { Link, useSearch } from '@tanstack/react-router';
import { useSearchParams } from '../../../shared/router/search.js';
import { scopeParts } from '../bulletin.js';
import { LAGGARDS_PAGE_SIZE, laggardFiltersFrom, laggardsFileUrl, useLaggards } from '../api/get-laggards.js';
import { FlagBadge } from './FlagBadge.js';
import { LaggardFilters } from './LaggardFilters.js';
import { SeverityRule } from './SeverityRule.js';
import { EmptyBoard } from './EmptyBoard.js';
import { UrgedCell } from './UrgedCell.js';
import { useState } from 'react';
import { useSessionUser } from '../../../shared/session/session.js';
import { type BatchFilters, BatchNoticeDialog, IssueNoticeDialog } from '../../notices/index.js';
import { fullName, useArea } from '../../areas/index.js';
import { urgencyOf } from '../../../../../shared/domain/urgency.js';
import { BoardTabs } from './BoardTabs.js';
import { UrgencyLegend } from './UrgencyLegend.js';

export function LaggardsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [, setParams] = useSearchParams();
  const filters = laggardFiltersFrom(useSearch({ strict: false }));
  const page = Math.max(1, Number(filters.page) || 1);
  const { page: _page, ...shared } = filters;
  const report = useLaggards(filters);
  const items = report.data?.items ?? [];
  // the filters in force, in words: an empty answer says what it was asked
  const { asOf: _asOf, ...narrowing } = shared;
  const area = useArea(filters.area ?? null);
  const filteredBy = [...(filters.area ? [t('areas.scopeArea', { area: area.data ? fullName(area.data) : filters.area })] : []), ...scopeParts(narrowing, t)];
  const user = useSessionUser();
  const [urging, setUrging] = useState(false);
  const [urgingOne, setUrgingOne] = useState<{ id: string; name: string } | null>(null);
  // a notice records today's flags: a batch is offered on today's board only
  const today = !filters.asOf || filters.asOf >= format.today();
  const { page: _p, asOf: _a, ...batchFilters } = filters;

  return (
    <section>
      <div className="page-head">
        <h1>{t('reports.laggardsTitle')}</h1>
        <p className="page-head__actions">
          <a className="button button--secondary" href={laggardsFileUrl('csv', filters)} download>{t('reports.exportCsv')}</a>
          <a className="button button--secondary" href={laggardsFileUrl('xlsx', filters)} download>{t('reports.exportXlsx')}</a>
          <Link className="button" to="/laggards/bulletin" search={shared}>{t('reports.bulletin')}</Link>
          {user.role === 'office' && today && (report.data?.total ?? 0) > 0 && (
            <button type="button" className="button" onClick={() => setUrging(true)}>{t('notices.batch')}</button>
          )}
        </p>
      </div>
      <BoardTabs current="laggards" area={filters.area} />
      <LaggardFilters />
      <SeverityRule />
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <PageError error={report.error} onRetry={() => void report.refetch()} />
      ) : items.length === 0 ? (
        filteredBy.length ? (
          <div className="empty" role="status">
            <p>{t('reports.noLaggardsFiltered')}</p>
            <p className="muted">{t('reports.filteredBy', { parts: filteredBy.join(t('reports.scopeSeparator')) })}</p>
            <p>
              <Link to="/laggards" search={{ asOf: filters.asOf }}>{t('reports.clearFilters')}</Link>
            </p>
          </div>
        ) : (
          <EmptyBoard area={filters.area} asOf={filters.asOf} />
        )
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {t('reports.bulletinAsOf', { date: format.date(report.data.asOf) })} · {t('reports.shown', { shown: items.length, total: report.data.total })}
            {filteredBy.length > 0 && <> · {t('reports.filteredBy', { parts: filteredBy.join(t('reports.scopeSeparator')) })}</>}
          </p>
          <table className="table table--cards laggard-table">
            <thead>
              <tr>
                <th scope="col" className="num">{t('reports.rank')}</th>
                <th scope="col">{t('reports.unit')}</th>
                <th scope="col">{t('reports.kind')}</th>
                <th scope="col">{t('reports.flags')}</th>
                <th scope="col" className="num">{t('reports.severity')}</th>
                <th scope="col" className="nowrap">{t('reports.contactName')}</th>
                <th scope="col" className="nowrap">{t('reports.contactPhone')}</th>
                <th scope="col" className="nowrap">{t('reports.assignee')}</th>
                <th scope="col">{t('reports.lastEventAt')}</th>
                <th scope="col" className="nowrap">{t('notices.urged')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((l, i) => (
                <tr key={l.unit.id} className={`urgency-row urgency--${urgencyOf(l.flags)?.colour ?? 'yellow'}`}>
                  <td className="num" data-label={t('reports.rank')}>{(page - 1) * LAGGARDS_PAGE_SIZE + i + 1}</td>
                  <th scope="row" data-label={t('reports.unit')}>
                    <Link to="/units/$id" params={{ id: l.unit.id }}>{l.unit.name}</Link> <span className="muted">{l.unit.code}</span>
                  </th>
                  <td data-label={t('reports.kind')} className="nowrap laggard-table__minor">{t(`kind.${l.unit.kind}`)}</td>
                  <td data-label={t('reports.flags')} className="laggard-table__flags">{l.flags.map((f) => <FlagBadge key={f.category} flag={f} />)}</td>
                  <td className="num laggard-table__minor" data-label={t('reports.severity')}>{l.severity.toFixed(1)}</td>
                  <td className="nowrap" data-label={t('reports.contactName')}>{l.unit.contactName ?? '—'}</td>
                  <td data-label={t('reports.contactPhone')}>
                    {l.unit.contactPhone ? <a className="nowrap" href={`tel:${l.unit.contactPhone.replace(/[^0-9+]/g, '')}`}>{l.unit.contactPhone}</a> : '—'}
                  </td>
                  <td data-label={t('reports.assignee')} className="laggard-table__minor">{l.unit.assignee?.displayName ?? '—'}</td>
                  <td className="nowrap laggard-table__minor" data-label={t('reports.lastEventAt')}>{format.dateTime(l.lastEventAt) || '—'}</td>
                  <td data-label={t('notices.urged')} className={l.notices.count === 0 ? 'laggard-table__minor' : undefined}>
                    <UrgedCell unitId={l.unit.id} notices={l.notices} />
                    {user.role === 'office' && today && (
                      <div>
                        <button type="button" className="button button--small button--secondary" onClick={() => setUrgingOne(l.unit)} aria-label={t('dubang.urgeUnit', { unit: l.unit.name })}>
                          {t('dubang.urgeOne')}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pageSize={LAGGARDS_PAGE_SIZE} total={report.data.total} onPage={(p) => setParams({ page: p })} />
        </>
      )}
      {urgingOne && <IssueNoticeDialog unit={urgingOne} onClose={() => setUrgingOne(null)} />}
      <UrgencyLegend />
      {urging && (
        <BatchNoticeDialog filters={batchFilters as BatchFilters} filterText={filteredBy.join(t('reports.scopeSeparator'))} onClose={() => setUrging(false)} />
      )}
    </section>
  );
}

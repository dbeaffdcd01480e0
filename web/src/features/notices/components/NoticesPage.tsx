// Office and leaders: every notice, by state (unanswered, answered, overdue, withdrawn), with
// the unit's answer, and for the office printing and withdrawing.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTICE_STATUSES, type NoticeStatus } from '../../../../../shared/domain/notices.js';
import type { Notice } from '../../../../../shared/schemas/notices.js';
import { Pager } from '../../../shared/components/Pager.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { Link } from '@tanstack/react-router';
import { useSearchParams } from '../../../shared/router/search.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { useNotices } from '../api/notices.js';
import { noticeProblems } from '../words.js';
import { NoticeStatusBadge } from './NoticeStatusBadge.js';
import { WithdrawDialog } from './WithdrawDialog.js';
import { AnswerAreaDialog } from './AnswerAreaDialog.js';
import { SnapshotSummary } from './SnapshotSummary.js';

const PAGE_SIZE = 50;

export function NoticesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useSessionUser();
  const [params, setParams] = useSearchParams();
  const status = NOTICE_STATUSES.includes(params.get('status') as NoticeStatus) ? (params.get('status') as NoticeStatus) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  // from a board row: that unit's notices
  const unitId = params.get('unitId') ?? undefined;
  // 督办 to areas (from the offices above, or to the areas below) apart from notices to units
  const target = params.get('target') === 'area' ? 'area' : params.get('target') === 'unit' ? 'unit' : undefined;
  const list = useNotices({ status, unitId, target, page, pageSize: PAGE_SIZE });
  const [withdrawing, setWithdrawing] = useState<Notice | null>(null);
  const [answering, setAnswering] = useState<Notice | null>(null);
  const waiting = (n: Notice) => n.status === 'open' || n.status === 'overdue';
  // a 督办 is answered by the urged area's own office and withdrawn by an office above it
  const ownArea = (n: Notice) => n.target.type === 'area' && user.scope === n.target.code;

  if (list.isPending) return <Loading />;
  if (list.isError) return <PageError error={list.error} onRetry={() => void list.refetch()} />;
  const { items, total, counts } = list.data;
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  const tab = (value: NoticeStatus | undefined, label: string, n: number) => (
    <button type="button" role="tab" aria-selected={status === value} className={status === value ? 'tab tab--active' : 'tab'} onClick={() => setParams({ status: value })}>
      {label}（{n}）
    </button>
  );

  return (
    <section>
      <h1>{t('notices.title')}</h1>
      <p className="page-intro">{t('notices.intro')}</p>
      {user.role !== 'unit' && (
        <div role="tablist" className="tabs" aria-label={t('dubang.byTarget')}>
          {([undefined, 'unit', 'area'] as const).map((v) => (
            <button key={v ?? 'all'} type="button" role="tab" aria-selected={target === v} className={target === v ? 'tab tab--active' : 'tab'} onClick={() => setParams({ target: v, page: undefined })}>
              {t(`dubang.target.${v ?? 'all'}`)}
            </button>
          ))}
        </div>
      )}
      <div role="tablist" className="tabs" aria-label={t('notices.byStatus')}>
        {tab(undefined, t('app.all'), all)}
        {NOTICE_STATUSES.map((s) => tab(s, t(`notices.status.${s}`), counts[s]))}
      </div>
      {items.length > 0 && (
        <p className="button-row no-print">
          <Link className="button button--secondary" to="/notices/print" search={{ status, target, ids: items.map((n) => n.id).join(',') }}>
            {t('notices.printShown', { count: items.length })}
          </Link>
        </p>
      )}
      {items.length === 0 ? (
        <p className="empty">{status ? t('notices.emptyStatus', { status: t(`notices.status.${status}`) }) : t('notices.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table table--cards">
            <thead>
              <tr>
                <th scope="col">{t('notices.number')}</th>
                <th scope="col">{t('notices.unit')}</th>
                <th scope="col">{t('notices.problems')}</th>
                <th scope="col">{t('notices.issuedOn')}</th>
                <th scope="col">{t('notices.respondBy')}</th>
                <th scope="col">{t('notices.state')}</th>
                <th scope="col">{t('app.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((n) => (
                <tr key={n.id}>
                  <td className="nowrap" data-label={t('notices.number')}>{n.number}</td>
                  <td data-label={t('notices.unit')}>
                    {n.unitId ? <Link to="/units/$id" params={{ id: n.unitId }}>{n.unit.name}</Link> : <strong>{n.unit.name}</strong>}
                    <div className="muted nowrap">{n.unit.code}</div>
                  </td>
                  <td data-label={t('notices.problems')}>
                    {n.target.type === 'area' && <div className="badge">{t('dubang.badge')}</div>}
                    {n.snapshot ? <SnapshotSummary snapshot={n.snapshot} /> : <ul className="plain-list">{noticeProblems(n).map((p, i) => <li key={i}>{p}</li>)}</ul>}
                    {n.note && <div className="muted">{t('notices.noteShort')}：{n.note}</div>}
                  </td>
                  <td className="nowrap" data-label={t('notices.issuedOn')}>{format.date(n.issuedOn)}</td>
                  <td className="nowrap" data-label={t('notices.respondBy')}>{format.date(n.respondBy)}</td>
                  <td data-label={t('notices.state')}>
                    <NoticeStatusBadge status={n.status} />
                    {n.answer && <div className="notice-answer">“{n.answer.text}”<div className="muted">{n.answer.by.displayName} · {format.dateTime(n.answer.at)}</div></div>}
                    {n.withdrawn && <div className="muted">{t('notices.withdrawnBecause', { reason: n.withdrawn.reason })}</div>}
                  </td>
                  <td className="nowrap" data-label={t('app.actions')}>
                    <Link to="/notices/print" search={{ ids: n.id }}>{t('notices.print')}</Link>
                    {user.role === 'office' && waiting(n) && ownArea(n) && (
                      <>
                        {' · '}
                        <button type="button" className="link-button" onClick={() => setAnswering(n)}>{t('dubang.answer')}</button>
                      </>
                    )}
                    {user.role === 'office' && waiting(n) && !ownArea(n) && (
                      <>
                        {' · '}
                        <button type="button" className="link-button" onClick={() => setWithdrawing(n)}>{t('notices.withdraw')}</button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageSize={PAGE_SIZE} total={total} onPage={(p) => setParams({ page: p })} />
      {withdrawing && <WithdrawDialog notice={withdrawing} onClose={() => setWithdrawing(null)} />}
      {answering && <AnswerAreaDialog notice={answering} onClose={() => setAnswering(null)} />}
    </section>
  );
}

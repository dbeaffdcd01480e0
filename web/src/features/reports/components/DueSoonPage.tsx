// The board's 临近到期 tab: units not yet late whose next due date falls within the window, the
// soonest first, in the rule's blue; the office can act before a unit turns red.
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from '@tanstack/react-router';
import { Pager } from '../../../shared/components/Pager.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { useSearchParams } from '../../../shared/router/search.js';
import { DUE_SOON_DAYS } from '../../../../../shared/domain/urgency.js';
import { DUE_SOON_PAGE_SIZE, useDueSoon, type DueSoonFilters } from '../api/get-due-soon.js';
import { BoardTabs } from './BoardTabs.js';
import { UrgencyLegend } from './UrgencyLegend.js';

const WINDOWS = [1, 3, 7, 14];

export function DueSoonPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [, setParams] = useSearchParams();
  const search = useSearch({ strict: false }) as DueSoonFilters;
  const days = Number(search.days ?? DUE_SOON_DAYS);
  const report = useDueSoon(search);
  const page = Math.max(1, Number(search.page) || 1);

  return (
    <section>
      <div className="page-head">
        <h1>{t('reports.laggardsTitle')}</h1>
      </div>
      <BoardTabs current="dueSoon" area={search.area} />
      <p className="button-row">
        <label>
          {t('leaders.window')}{' '}
          <select value={String(days)} onChange={(e) => setParams({ days: e.target.value, page: undefined })}>
            {WINDOWS.map((d) => <option key={d} value={d}>{t('leaders.windowDays', { days: d })}</option>)}
          </select>
        </label>
      </p>
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <PageError error={report.error} onRetry={() => void report.refetch()} />
      ) : report.data.items.length === 0 ? (
        <p className="empty" role="status">{t('leaders.noneDueSoon', { days })}</p>
      ) : (
        <>
          <p className="muted" aria-live="polite">{t('leaders.dueSoonCount', { count: report.data.total, days })}</p>
          <ol className="due-soon-list">
            {report.data.items.map((i) => (
              <li key={i.unit.id} className="due-card urgency-card urgency--blue">
                <Link to="/units/$id" params={{ id: i.unit.id }}>{i.unit.name}</Link> <span className="muted">{i.unit.code}</span>
                <span className="due-card__when">
                  {t(`stage.${i.stage}`)} · {t('leaders.dueOn', { date: format.date(i.dueOn) })} ·{' '}
                  <strong>{i.daysLeft === 0 ? t('leaders.dueToday') : t('leaders.daysLeft', { days: i.daysLeft })}</strong>
                </span>
              </li>
            ))}
          </ol>
          <Pager page={page} pageSize={DUE_SOON_PAGE_SIZE} total={report.data.total} onPage={(p) => setParams({ page: p })} />
        </>
      )}
      <UrgencyLegend />
    </section>
  );
}

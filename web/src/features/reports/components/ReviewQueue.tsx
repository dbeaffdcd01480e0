// 待审核: the office's own queue (docs/contract/domain.md "The record": waiting for the office is
// not the unit's delay): how many registrations wait, the oldest, and each with its days waited.
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../shared/lib/use-format.js';
import { Loading } from '../../../shared/components/StatusPage.js';
import { useReviewQueue } from '../api/get-review-queue.js';
import type { Summary } from '../api/types.js';

/** How many are listed on the overview; the count says how many there are in all. */
const SHOWN = 10;

/** The summary's figure, beside the other totals. */
export function AwaitingReviewStat({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="stat" data-testid="awaiting-review">
      <span className="stat__value">{format.number(summary.awaitingReview ?? 0)}</span>
      <span className="stat__label">
        <a href="#review-queue-title">{t('record.awaitingReview')}</a>
        {summary.oldestReviewDays !== null && summary.oldestReviewDays !== undefined && ` · ${t('record.oldestWait', { count: summary.oldestReviewDays })}`}
      </span>
    </li>
  );
}

export function ReviewQueue({ area }: { area: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queue = useReviewQueue(area);
  return (
    <section className="panel review-queue" aria-labelledby="review-queue-title">
      <h2 id="review-queue-title">
        {t('record.queueTitle')} <span className="muted">{t('record.queueHint', { days: queue.data?.reviewDays ?? 3 })}</span>
      </h2>
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <p className="empty">{t('reports.unavailable')}</p>
      ) : queue.data.items.length === 0 ? (
        <p className="empty">{t('record.queueEmpty')}</p>
      ) : (
        <>
          <ul className="review-queue__list">
            {queue.data.items.slice(0, SHOWN).map((item) => (
              <li key={item.unit.id} className="review-queue__item" data-overdue={item.overdue || undefined}>
                <Link to="/units/$id" params={{ id: item.unit.id }}>{item.unit.name}</Link>
                <span className="muted"> {item.unit.code}</span>
                <span className={`badge ${item.overdue ? 'badge--blocked' : 'badge--in_progress'}`}>{t('record.waiting', { count: item.waitingDays })}</span>
                <span className="muted review-queue__meta">
                  {t('record.submittedAt', { time: format.dateTime(item.submittedAt) })}
                  {item.platformRef && ` · ${t('record.platformRef', { ref: item.platformRef })}`}
                </span>
              </li>
            ))}
          </ul>
          {queue.data.items.length > SHOWN && <p className="muted">{t('record.queueMore', { count: queue.data.items.length - SHOWN })}</p>}
        </>
      )}
    </section>
  );
}

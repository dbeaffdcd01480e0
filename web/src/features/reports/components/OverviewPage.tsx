// The overview for office and leadership: totals, the three-stage funnel, the trend, where units lag and why.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGES } from '../../../../../shared/domain/steps.js';
import { UNIT_KINDS } from '../../../../../shared/domain/catalogue.js';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { useNotices } from '../../notices/index.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { Link } from '@tanstack/react-router';
import { useReasons } from '../api/get-reasons.js';
import { useSummary } from '../api/get-summary.js';
import { useTrend } from '../api/get-trend.js';
import { LAGGARD_CATEGORIES, type Summary } from '../api/types.js';
import { BarList } from './BarList.js';
import { LeaderBrief } from './LeaderBrief.js';
import { AreaOverview, useAreaParam } from '../../areas/index.js';
import { Delta } from '../../../shared/components/Change.js';
import { AwaitingReviewStat, ReviewQueue } from './ReviewQueue.js';

const TrendChart = lazy(() => import('./TrendChart.js'));
const TREND_DAYS = 30;

const shiftDate = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function OverviewPage() {
  const { t } = useTranslation();
  // the area drilled into (?area=); without one the server answers for the user's own scope
  const [area] = useAreaParam();
  const summary = useSummary(area ? { area } : {});

  return (
    <section>
      <h1>{t('reports.overviewTitle')}</h1>
      {/* a leader's first screen: the rate, the laggards, the worst five and the ranking; the tables after */}
      {summary.isPending ? (
        <Loading />
      ) : summary.isError ? (
        <PageError error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <LeaderBrief summary={summary.data} area={area} />
      )}
      <AreaOverview />
      {summary.data && (
        <>
          <Totals summary={summary.data} area={area} />
          <Funnel summary={summary.data} />
        </>
      )}
      <ReviewQueue area={area} />
      <Trend area={area} />
      {summary.data && (
        <div className="grid-2">
          <LaggardBreakdown summary={summary.data} />
        </div>
      )}
      <Reasons area={area} />
    </section>
  );
}

function Totals({ summary, area }: { summary: Summary; area: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  // the same figures a week before (the server's default compareDays)
  const prev = summary.previous;
  return (
    <ul className="stats">
      <li className="stat">
        <span className="stat__value">{format.number(summary.totalUnits)}</span>
        <span className="stat__label">{t('reports.totalUnits')}</span>
        {prev && prev.totalUnits !== summary.totalUnits && <Delta value={summary.totalUnits - prev.totalUnits} better="up" />}
      </li>
      <li className={`stat${summary.scorecard ? ` score score--${summary.scorecard.colour}` : ''}`} title={summary.scorecard ? t(`leaders.score.${summary.scorecard.colour}`, summary.scorecard) : undefined}>
        <span className="stat__value">{format.number(summary.onboarded)}</span>
        <span className="stat__label">
          {t('reports.onboarded')} · {t('reports.onboardedShare', { share: format.percent(summary.onboarded, summary.totalUnits) })}
        </span>
        {prev && <Delta value={summary.onboarded - prev.onboarded} better="up" />}
      </li>
      <li className="stat">
        <span className="stat__value">{format.number(summary.laggards)}</span>
        <span className="stat__label"><Link to="/laggards" search={{ area: area ?? undefined }}>{t('reports.laggards')}</Link></span>
        {prev && <Delta value={summary.laggards - prev.laggards} better="down" />}
      </li>
      <OverdueNotices />
      <AwaitingReviewStat summary={summary} />
    </ul>
  );
}

/** Notices left unanswered past their date: the units that were told and did not answer. */
function OverdueNotices() {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useNotices({ status: 'overdue', pageSize: 1 });
  if (!list.data) return null;
  return (
    <li className="stat">
      <span className="stat__value">{format.number(list.data.counts.overdue)}</span>
      <span className="stat__label"><Link to="/notices" search={{ status: 'overdue' }}>{t('notices.overdueCount')}</Link></span>
    </li>
  );
}

function Funnel({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="panel" aria-labelledby="funnel-title">
      <h2 id="funnel-title">{t('reports.funnel')}</h2>
      <BarList
        max={summary.totalUnits}
        bars={STAGES.map((stage) => {
          const counts = summary.stages[stage];
          return {
            key: stage,
            label: `${t(`stage.${stage}`)}（${t('reports.stageCounts', counts)}）`,
            value: counts.done,
            text: `${t('reports.funnelDone', { done: counts.done, total: summary.totalUnits })} · ${format.percent(counts.done, summary.totalUnits)}`,
          };
        })}
      />
    </section>
  );
}

function Trend({ area }: { area: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const to = format.today();
  const trend = useTrend(shiftDate(to, -(TREND_DAYS - 1)), to, area);
  return (
    <section className="panel" aria-labelledby="trend-title">
      <h2 id="trend-title">
        {t('reports.trend')} <span className="muted">{t('reports.trendRange', { days: TREND_DAYS })}</span>
      </h2>
      {trend.isPending ? (
        <Loading />
      ) : trend.isError || trend.data.length === 0 ? (
        <p className="empty">{trend.isError ? t('reports.unavailable') : t('reports.trendEmpty')}</p>
      ) : (
        <Suspense fallback={<Loading />}>
          <TrendChart days={trend.data} />
        </Suspense>
      )}
    </section>
  );
}

function LaggardBreakdown({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const none = summary.laggards === 0 && <p className="empty">{t('reports.noLaggards')}</p>;
  return (
    <>
      <section className="panel" aria-labelledby="by-category-title">
        <h2 id="by-category-title">{t('reports.byCategory')}</h2>
        {none || (
          <BarList
            tone="danger"
            bars={LAGGARD_CATEGORIES.map((category) => {
              const count = summary.byCategory?.[category] ?? 0;
              return { key: category, label: t(`flag.${category}`), value: count, text: t('reports.count', { count }) };
            })}
          />
        )}
      </section>
      <section className="panel" aria-labelledby="by-kind-title">
        <h2 id="by-kind-title">{t('reports.byKind')}</h2>
        {none || (
          <BarList
            tone="danger"
            bars={UNIT_KINDS.map((kind) => {
              const count = summary.byKind?.[kind] ?? 0;
              return { key: kind, label: t(`kind.${kind}`), value: count, text: t('reports.count', { count }) };
            })}
          />
        )}
      </section>
    </>
  );
}

function Reasons({ area }: { area: string | null }) {
  const { t } = useTranslation();
  const reasons = useReasons(undefined, area);
  return (
    <section className="panel" aria-labelledby="reasons-title">
      <h2 id="reasons-title">{t('reports.reasons')}</h2>
      {reasons.isPending ? (
        <Loading />
      ) : reasons.isError ? (
        <p className="empty">{t('reports.unavailable')}</p>
      ) : reasons.data.length === 0 ? (
        <p className="empty">{t('reports.reasonsEmpty')}</p>
      ) : (
        <BarList
          bars={reasons.data.map((r) => ({
            key: r.reasonCode ?? 'none',
            label: r.reasonCode ? t(`reason.${r.reasonCode}`) : t('reports.reasonNone'),
            value: r.count,
            text: t('reports.times', { count: r.count }),
          }))}
        />
      )}
    </section>
  );
}

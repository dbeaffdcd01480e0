// A leader's first screen (the leaders' view): on a phone, above the fold, the scope's completion
// rate and laggards with the week's change, the five worst units with their problems in one line
// each, and the child areas' ranking with their moves. The full tables come after it.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { levelOfCode } from '../../../../../shared/domain/areas.js';
import { reportsApi } from '../../../../../shared/api/reports.js';
import { call } from '../../../shared/api/call.js';
import { Delta, RankMove } from '../../../shared/components/Change.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { childName, sharePercent, useCurrentArea, useRollup } from '../../areas/index.js';
import type { Summary } from '../api/types.js';

export const WORST_SHOWN = 5;

export function LeaderBrief({ summary, area }: { summary: Summary; area: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const current = useCurrentArea();
  const worst = useQuery({
    queryKey: ['reports', 'laggards', { area }, 'worst', WORST_SHOWN] as const,
    queryFn: ({ signal }) => call(reportsApi.laggards, { query: { area: area ?? undefined, page: 1, pageSize: WORST_SHOWN }, signal }),
  });
  // inside a county the children are kinds of unit: the full table after, no ranking here
  const ofKinds = current !== null && levelOfCode(current) === 'county';
  const rollup = useRollup(current, undefined, !ofKinds);
  const ranking = [...(rollup.data?.items ?? [])].filter((r) => r.totalUnits > 0 && r.area.level !== 'unplaced').sort((a, b) => a.rank - b.rank);
  const prev = summary.previous;
  // the people's half: the children's training numbers summed (the rows cover the area)
  const people = (rollup.data?.items ?? []).reduce(
    (n, r) => (r.training ? { units: n.units + r.training.units, backboneNamed: n.backboneNamed + r.training.backboneNamed, trained: n.trained + r.training.trained, reportedBack: n.reportedBack + r.training.reportedBack } : n),
    { units: 0, backboneNamed: 0, trained: 0, reportedBack: 0 },
  );
  const colour = summary.scorecard?.colour;

  return (
    <section className="brief" aria-label={t('leaders.briefTitle')}>
      <div className="brief__stats">
        <p className={`brief__stat${colour ? ` score score--${colour}` : ''}`} data-testid="brief-rate">
          <span className="brief__label">{t('leaders.rate')}</span>
          <strong className="brief__value">{format.percent(summary.onboarded, summary.totalUnits)}</strong>
          <span className="brief__sub">{t('leaders.onboardedOf', { onboarded: summary.onboarded, total: summary.totalUnits })}</span>
          {prev && <Delta value={summary.onboarded - prev.onboarded} better="up" />}
        </p>
        <p className="brief__stat" data-testid="brief-laggards">
          <span className="brief__label">{t('reports.laggards')}</span>
          <strong className="brief__value">{format.number(summary.laggards)}</strong>
          {prev && <Delta value={summary.laggards - prev.laggards} better="down" />}
          {summary.change && <span className="brief__sub">{t('leaders.newAndResolved', summary.change)}</span>}
        </p>
        {people.units > 0 && (
          <p className="brief__stat brief__stat--wide" data-testid="brief-training">
            <span className="brief__label">{t('leaders.trainingStat')}</span>
            <strong className="brief__value">{format.percent(people.trained, people.units)}</strong>
            <span className="brief__sub">{t('leaders.trainingSub', people)}</span>
          </p>
        )}
      </div>
      <h2 className="brief__heading">
        {t('leaders.worst')} <Link className="brief__more" to="/laggards" search={{ area: area ?? undefined }}>{t('leaders.allLaggards')}</Link>
      </h2>
      {worst.data && worst.data.items.length === 0 ? (
        <p className="muted">{t('reports.noLaggards')}</p>
      ) : (
        <ol className="brief__worst" data-testid="brief-worst">
          {(worst.data?.items ?? []).map((l) => (
            <li key={l.unit.id}>
              <Link to="/units/$id" params={{ id: l.unit.id }}>{l.unit.name}</Link>
              <span className="brief__flags">{l.flags.map((f) => t('areas.flagDays', { flag: t(`flag.${f.category}`), days: f.daysLate })).join(t('areas.listSeparator'))}</span>
            </li>
          ))}
        </ol>
      )}
      {!ofKinds && ranking.length > 0 && (
        <>
          <h2 className="brief__heading">{t('leaders.ranking')}</h2>
          <ol className="brief__ranking" data-testid="brief-ranking">
            {ranking.map((r) => (
              <li key={r.area.code}>
                <span className="brief__rank">{r.rank}</span>
                <span className="brief__name">{childName(r, t)}</span>
                <span className={`brief__share${r.scorecard ? ` score score--${r.scorecard.colour}` : ''}`}>{sharePercent(r)}%</span>
                <RankMove now={r.rank} before={r.previous?.rank} />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

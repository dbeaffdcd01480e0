// A city's (or a province's) bulletin: its counties ranked side by side, then each one's worst
// units, the first three of the laggard report asked for that county with the bulletin's filters.
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { reportsApi } from '../../../../../shared/api/reports.js';
import { call } from '../../../shared/api/call.js';
import { Loading } from '../../../shared/components/StatusPage.js';
import type { LaggardFilters } from '../../reports/index.js';
import { useRollup } from '../api/rollup.js';
import { RankRule } from './RankRule.js';
import { childLabelKey } from './AreaOverview.js';
import { childName, RollupTable } from './RollupTable.js';

export const WORST_PER_AREA = 3;

export function BulletinAreas({ area, filters }: { area: string; filters: LaggardFilters }) {
  const { t } = useTranslation();
  const rollup = useRollup(area, filters.asOf);
  const { page: _page, area: _area, ...rest } = filters;
  const ranked = [...(rollup.data?.items ?? [])].filter((r) => r.area.level !== 'kind' && r.area.level !== 'unplaced').sort((a, b) => a.rank - b.rank);
  const lagging = ranked.filter((r) => r.laggards > 0);
  const worst = useQueries({
    queries: lagging.map((r) => ({
      // the laggard report is ranked most serious first: its first page of three is the worst three
      queryKey: ['reports', 'laggards', { ...rest, area: r.area.code }, 'worst', WORST_PER_AREA] as const,
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        call(reportsApi.laggards, { query: { ...rest, area: r.area.code, page: 1, pageSize: WORST_PER_AREA }, signal }),
    })),
  });

  if (rollup.isPending) return <Loading />;
  if (!rollup.data || ranked.length === 0) return null;
  return (
    <>
      <section>
        <h2>{t('areas.bulletinRanking')}</h2>
        <RollupTable rows={ranked} childLabel={t(childLabelKey(area))} caption={t('areas.bulletinRanking')} />
        <RankRule className="rollup-rule" />
      </section>
      {lagging.length > 0 && (
        <section>
          <h2>{t('areas.bulletinWorst')}</h2>
          {lagging.map((r, i) => {
            const items = worst[i]?.data?.items ?? [];
            return (
              <section key={r.area.code} className="bulletin-worst-area">
                <h3>{t('areas.bulletinWorstOf', { area: childName(r, t), count: r.laggards })}</h3>
                {worst[i]?.isPending ? (
                  <Loading />
                ) : items.length === 0 ? (
                  <p>{t('areas.bulletinWorstNone')}</p>
                ) : (
                  <ol className="bulletin-worst">
                    {items.map((l) => (
                      <li key={l.unit.id}>
                        {l.unit.name}
                        <span className="nowrap">（{l.unit.code}）</span>：
                        {l.flags.map((f) => t('areas.flagDays', { flag: t(`flag.${f.category}`), days: f.daysLate })).join(t('areas.listSeparator'))}
                      </li>
                    ))}
                  </ol>
                )}
              </section>
            );
          })}
        </section>
      )}
    </>
  );
}

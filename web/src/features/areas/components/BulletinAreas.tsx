// A city's (or a province's) bulletin: its counties ranked side by side, then each one's worst
// units, the first three of the laggard report asked for that county with the bulletin's filters.
// BulletinAreasView draws them from given rows (an issued bulletin's stored ones); BulletinAreas
// reads them live.
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { reportsApi } from '../../../../../shared/api/reports.js';
import type { BulletinUnit } from '../../../../../shared/schemas/bulletins.js';
import { call } from '../../../shared/api/call.js';
import { Loading } from '../../../shared/components/StatusPage.js';
import type { LaggardFilters } from '../../reports/index.js';
import { useRollup, type RollupRow } from '../api/rollup.js';
import { RankRule } from './RankRule.js';
import { childLabelKey } from './AreaOverview.js';
import { childName, RollupTable } from './RollupTable.js';

export const WORST_PER_AREA = 3;

/** The children ranked, as the bulletin lists them (no kinds, no unplaced units). */
export const rankedChildren = (rows: readonly RollupRow[]) => rows.filter((r) => r.area.level !== 'kind' && r.area.level !== 'unplaced').sort((a, b) => a.rank - b.rank);

export function BulletinAreas({ area, filters }: { area: string; filters: LaggardFilters }) {
  const rollup = useRollup(area, filters.asOf);
  const { page: _page, area: _area, ...rest } = filters;
  const ranked = rankedChildren(rollup.data?.items ?? []);
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
  if (!rollup.data) return null;
  return <BulletinAreasView area={area} rows={ranked} worst={lagging.map((r, i) => ({ areaCode: r.area.code, items: worst[i]?.data?.items, pending: worst[i]?.isPending }))} />;
}

interface WorstOf {
  areaCode: string;
  items: readonly BulletinUnit[] | undefined;
  pending?: boolean;
}

export function BulletinAreasView({ area, rows, worst }: { area: string; rows: readonly RollupRow[]; worst: readonly WorstOf[] }) {
  const { t } = useTranslation();
  const ranked = rankedChildren(rows);
  if (ranked.length === 0) return null;
  const lagging = ranked.filter((r) => r.laggards > 0);
  return (
    <>
      <section className="bulletin-section">
        <h2>{t('areas.bulletinRanking')}</h2>
        <RollupTable rows={ranked} childLabel={t(childLabelKey(area))} caption={t('areas.bulletinRanking')} total />
        <RankRule className="rollup-rule" />
      </section>
      {lagging.length > 0 && (
        <section className="bulletin-section">
          <h2>{t('areas.bulletinWorst')}</h2>
          {lagging.map((r) => {
            const of = worst.find((w) => w.areaCode === r.area.code);
            const items = of?.items ?? [];
            return (
              <section key={r.area.code} className="bulletin-worst-area">
                <h3>{t('areas.bulletinWorstOf', { area: childName(r, t), count: r.laggards })}</h3>
                {of?.pending ? (
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

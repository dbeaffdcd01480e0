// The overview's area part: the user's scope (or the area drilled into) with its children side by
// side, a table and a chart of the share onboarded, and a breadcrumb back up to the user's scope.
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { levelOfCode } from '../../../../../shared/domain/areas.js';
import { isApiError } from '../../../shared/api/http.js';
import { Loading } from '../../../shared/components/StatusPage.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { fullName, useArea } from '../api/areas.js';
import { rollupFileUrl, showsAreas, useRollup, type RollupRow } from '../api/rollup.js';
import { Link, useNavigate } from '@tanstack/react-router';
import { useAreaParam } from '../use-area-param.js';
import type { I18nKey } from '../../../i18n/keys.js';
import { RankRule } from './RankRule.js';
import { AreaBreadcrumb } from './AreaBreadcrumb.js';
import { childName, RollupTable, sharePercent } from './RollupTable.js';

const RollupChart = lazy(() => import('./RollupChart.js'));

/** The area the user looks at: the one in the address, else its own scope (null = everywhere). */
export function useCurrentArea(): string | null {
  const user = useSessionUser();
  const [area] = useAreaParam();
  return area ?? user.scope ?? null;
}

/** The heading of a child column: a province's children are cities, a city's counties, a county's the kinds of its units. */
export function childLabelKey(parent: string | null): I18nKey {
  const level = parent === null ? null : levelOfCode(parent);
  return level === null ? 'areas.level.province' : level === 'province' ? 'areas.level.city' : level === 'city' ? 'areas.level.county' : 'reports.kind';
}

export function AreaOverview({ asOf }: { asOf?: string }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const [, setArea] = useAreaParam();
  const navigate = useNavigate();
  const current = useCurrentArea();
  const area = useArea(current);
  const rollup = useRollup(current, asOf);
  const rows = useMemo(() => rollup.data?.items ?? [], [rollup.data]);
  const bars = useMemo(() => [...rows].filter((r) => r.totalUnits > 0).sort((a, b) => a.rank - b.rank).map((r) => ({ key: r.area.code, name: childName(r, t), share: sharePercent(r), colour: r.scorecard?.colour })), [rows, t]);

  if (area.isError && isApiError(area.error) && area.error.status === 404) {
    return (
      <div className="notice notice--warn" role="alert">
        <p>{t('areas.outsideScope')}</p>
        <button type="button" className="button button--secondary" onClick={() => setArea(null)}>{t('areas.backToScope')}</button>
      </div>
    );
  }
  if (rollup.isPending) return <Loading />;
  if (!rollup.data || !showsAreas(rows, user.scope)) return null;

  const open = (row: RollupRow) => {
    // inside a county the children are kinds of units: their list, not another level
    if (row.area.level === 'kind') void navigate({ to: '/units', search: { area: current ?? undefined, kind: row.area.code as 'township' } });
    else setArea(row.area.code);
  };
  const title = area.data ? fullName(area.data) : t('areas.everywhere');
  // inside a county the children are kinds of unit (乡镇/部门/其他), not places
  const ofKinds = current !== null && levelOfCode(current) === 'county';
  const heading = t(ofKinds ? 'areas.childrenOfKinds' : 'areas.childrenOf', { area: title });
  const chartTitle = t(ofKinds ? 'areas.chartTitleKinds' : 'areas.chartTitle');

  return (
    <section className="panel area-overview" aria-labelledby="area-overview-title">
      <AreaBreadcrumb area={area.data ?? null} scope={user.scope} onPick={(code) => setArea(code === user.scope ? null : code)} />
      <h2 id="area-overview-title">{heading}</h2>
      <RollupTable rows={rows} childLabel={t(childLabelKey(current))} open={open} caption={heading} />
      <RankRule className="muted rollup-rule" />
      <p className="button-row no-print">
        <a className="button button--secondary button--small" href={rollupFileUrl('csv', current, asOf)} download>{t('reports.exportCsv')}</a>
        <a className="button button--secondary button--small" href={rollupFileUrl('xlsx', current, asOf)} download>{t('reports.exportXlsx')}</a>
        <Link className="button button--secondary button--small" to="/laggards" search={{ area: current ?? undefined }}>{t('areas.laggardsHere')}</Link>
      </p>
      {bars.length > 0 && (
        <>
          <h3>{chartTitle}</h3>
          <Suspense fallback={<Loading />}>
            <RollupChart bars={bars} title={chartTitle} />
          </Suspense>
        </>
      )}
    </section>
  );
}

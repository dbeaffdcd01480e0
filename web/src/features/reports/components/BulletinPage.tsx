// The printable bulletin (通报): A4, nothing but the text and one table per category on paper.
// Its totals and its tables are read with the same filters, and its heading names them.
import { useTranslation } from 'react-i18next';
import { Loading, PageError } from '../../../shared/components/StatusPage.js';
import { useSettings } from '../../../shared/api/settings.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { Link, useSearch } from '@tanstack/react-router';
import { DEFAULT_SETTINGS } from '../../../../../shared/schemas/settings.js';
import { unitsWithFlag } from '../aggregate.js';
import { laggardFiltersFrom, useAllLaggards } from '../api/get-laggards.js';
import { useSummary } from '../api/get-summary.js';
import { LAGGARD_CATEGORIES } from '../api/types.js';
import { bulletinSummary, scopeText } from '../bulletin.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { BulletinAreas, fullName, useArea } from '../../areas/index.js';
import { signed } from '../../../shared/components/Change.js';

export function BulletinPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const settings = useSettings();
  const { page: _page, ...filters } = laggardFiltersFrom(useSearch({ strict: false }));
  const { category: _category, urged: _urged, ...unitScope } = filters;
  // the units the bulletin covers: the same kind, parent code and search as its list
  const summary = useSummary(unitScope);
  const report = useAllLaggards(filters);
  // the area it covers: the one chosen on the board, else the user's own scope
  const user = useSessionUser();
  const areaCode = filters.area ?? user.scope ?? null;
  const area = useArea(areaCode);
  const areaName = area.data ? fullName(area.data) : undefined;

  if (summary.isPending || report.isPending || (areaCode && area.isPending)) return <Loading />;
  if (summary.isError || report.isError) return <PageError error={summary.error ?? report.error} onRetry={() => { void summary.refetch(); void report.refetch(); }} />;

  const laggards = report.data.items;
  const date = format.date(report.data.asOf);
  const share = format.percent(summary.data.onboarded, summary.data.totalUnits);
  const text = bulletinSummary({ date, share, summary: summary.data, listed: laggards.length, filters, areaName }, t);
  const scope = scopeText(filters, t);

  return (
    <>
      <p className="button-row no-print">
        <Link className="button button--secondary" to="/laggards" search={filters}>← {t('reports.bulletinBack')}</Link>
        <button type="button" className="button" onClick={() => window.print()}>{t('app.print')}</button>
      </p>
      <article className="bulletin">
        <h1>
          {areaName ? t('areas.bulletinTitle', { area: areaName }) : t('reports.bulletinTitle')}
          {scope && <span className="bulletin__scope">{scope}</span>}
        </h1>
        <p className="bulletin__asof">{t('reports.bulletinAsOf', { date })}</p>
        <p className="bulletin__summary">{text}</p>
        {/* what changed since a week before: the units that moved, not only the totals */}
        {summary.data.previous && summary.data.change && (
          <p className="bulletin__change">
            {t('leaders.bulletinChange', {
              date: format.date(summary.data.previous.asOf),
              ...summary.data.change,
              laggardsDelta: signed(summary.data.laggards - summary.data.previous.laggards),
            })}
          </p>
        )}
        {/* a city or a province ranks its counties (cities) and names each one's worst units */}
        {areaCode && areaCode.length < 6 && <BulletinAreas area={areaCode} filters={filters} />}
        {LAGGARD_CATEGORIES.filter((c) => !filters.category || c === filters.category).map((category) => {
          const rows = unitsWithFlag(laggards, category);
          if (rows.length === 0) return null;
          return (
            <section key={category}>
              <h2>{t(`flag.${category}`)}（{t('reports.count', { count: rows.length })}）</h2>
              {/* on a phone the table scrolls sideways rather than breaking codes and dates */}
              <div className="table-scroll">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col" className="num">{t('reports.rank')}</th>
                      <th scope="col">{t('reports.unit')}</th>
                      <th scope="col">{t('reports.kind')}</th>
                      <th scope="col" className="num">{t(`reports.daysColumn.${category}`)}</th>
                      <th scope="col">{t('reports.lastEventAt')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map(({ laggard, flag }, i) => (
                      <tr key={`${laggard.unit.id}-${flag.stage ?? ''}`}>
                        <td className="num">{i + 1}</td>
                        {/* codes, kinds and dates never break mid-word, also on a phone */}
                        <td>{laggard.unit.name}<span className="nowrap">（{laggard.unit.code}）</span></td>
                        <td className="nowrap">{t(`kind.${laggard.unit.kind}`)}</td>
                        <td className="num">{flag.daysLate}</td>
                        <td className="nowrap">{format.date(laggard.lastEventAt) || '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          );
        })}
        <p className="bulletin__issuer">
          {settings.signingOffice ?? DEFAULT_SETTINGS.signingOffice}
          <br />
          {date}
        </p>
      </article>
    </>
  );
}

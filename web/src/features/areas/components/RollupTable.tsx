// An area's children side by side: units, onboarded and the share, each stage's done count,
// laggards by category, the rank. A click on a child with units drills down.
import { useTranslation } from 'react-i18next';
import { percentText, percentValue } from '../../../../../shared/domain/vocabulary.js';
import { UNIT_KINDS, type UnitKind } from '../../../../../shared/domain/catalogue.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { LAGGARD_CATEGORIES } from '../../reports/index.js';
import type { LaggardCategory } from '../../../../../shared/domain/laggards.js';
import type { RollupRow } from '../api/rollup.js';
import type { TFunction } from 'i18next';
import { Delta, RankMove } from '../../../shared/components/Change.js';

export const childName = (row: RollupRow, t: TFunction) =>
  row.area.level === 'unplaced' ? t('areas.unplaced') : row.area.level === 'kind' && (UNIT_KINDS as readonly string[]).includes(row.area.code) ? t(`kind.${row.area.code as UnitKind}`) : row.area.name;

export const sharePercent = (row: RollupRow) => percentValue(row.onboardedShare);

interface Props {
  rows: RollupRow[];
  /** the column heading of the children: 市, 县（区）, 单位类型… */
  childLabel: string;
  /** what a click on a child does; none for a child that cannot be opened */
  open?: (row: RollupRow) => void;
  caption?: string;
  /** a total row under the children (the bulletin's ranking, as its files have) */
  total?: boolean;
}

export function RollupTable({ rows, childLabel, open, caption, total }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const ranked = [...rows].sort((a, b) => a.rank - b.rank);
  // areas (not kinds of unit) carry the 督办 they got from the office above
  const dubang = rows.some((r) => r.dubang);
  // the figures a week before, when the roll-up carries them: a 较上周 column
  const compared = rows.some((r) => r.previous);
  // the people's half (training.md "Where it shows") on screen; the bulletin's ranking keeps its A4 columns
  const people = !total && rows.some((r) => r.training);
  return (
    <div className="table-scroll">
      <table className="table rollup-table">
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            <th scope="col" className="num">{t('reports.rank')}</th>
            <th scope="col">{childLabel}</th>
            <th scope="col" className="num">{t('areas.units')}</th>
            <th scope="col" className="num" title={t('vocabulary.onboardedMeans')}>{t('areas.onboarded')}</th>
            <th scope="col" className="num">{t('areas.share')}</th>
            {compared && <th scope="col" className="num">{t('leaders.changeColumn')}</th>}
            <th scope="col" className="num">{t('areas.stageDone', { stage: t('stage.wiring') })}</th>
            <th scope="col" className="num">{t('areas.stageDone', { stage: t('stage.connection') })}</th>
            <th scope="col" className="num">{t('reports.laggards')}</th>
            <th scope="col" className="rollup-table__categories">{t('areas.byCategory')}</th>
            {dubang && <th scope="col" className="nowrap rollup-table__dubang">{t('dubang.rollupColumn')}</th>}
            {people && <th scope="col" className="num rollup-table__training">{t('areas.trainingColumn')}</th>}
          </tr>
        </thead>
        <tbody>
          {ranked.map((row) => {
            const name = childName(row, t);
            const empty = row.totalUnits === 0;
            const categories = LAGGARD_CATEGORIES.filter((c) => (row.byCategory[c] ?? 0) > 0);
            return (
              <tr key={`${row.area.level}-${row.area.code}`} className={empty ? 'rollup-table__empty' : undefined}>
                <td className="num nowrap">
                  {empty ? '—' : row.rank}
                  {!empty && <RankMove now={row.rank} before={row.previous?.rank} />}
                </td>
                <th scope="row">
                  {open && !empty && row.area.level !== 'unplaced' ? (
                    <button type="button" className="link-button" onClick={() => open(row)}>{name}</button>
                  ) : (
                    name
                  )}
                  {empty && <span className="muted rollup-table__none">{t('areas.noUnits')}</span>}
                </th>
                <td className="num">{format.number(row.totalUnits)}</td>
                <td className="num">{format.number(row.onboarded)}</td>
                <td className={`num nowrap${row.scorecard && !empty ? ` score score--${row.scorecard.colour}` : ''}`} title={row.scorecard && !empty ? t(`leaders.score.${row.scorecard.colour}`, row.scorecard) : undefined}>
                  {empty ? '—' : percentText(row.onboardedShare, 1)}
                </td>
                {compared && (
                  <td className="num nowrap">
                    {row.previous && !empty ? (
                      <>
                        <Delta value={row.onboarded - row.previous.onboarded} better="up" label={false} />
                        <br />
                        <Delta value={(row.onboardedShare - row.previous.onboardedShare) * 100} digits={1} suffix="%" better="up" label={false} />
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                )}
                <td className="num">{format.number(row.stages.wiring.done)}</td>
                <td className="num">{format.number(row.stages.connection.done)}</td>
                <td className="num">{format.number(row.laggards)}</td>
                <td className="rollup-table__categories">
                  <CategoryList counts={categories.map((c) => [c, row.byCategory[c] ?? 0] as const)} />
                </td>
                {dubang && (
                  <td className="nowrap rollup-table__dubang">
                    {!row.dubang || row.dubang.count === 0 ? '—' : t('dubang.rollupCell', row.dubang)}
                    {row.dubang && row.dubang.overdue > 0 && <div className="text-danger">{t('dubang.rollupOverdue', { count: row.dubang.overdue })}</div>}
                  </td>
                )}
                {people && (
                  <td className="num nowrap" data-testid="rollup-training" title={row.training ? t('areas.trainingTitle', row.training) : undefined}>
                    {!row.training || empty ? '—' : t('areas.trainingCell', row.training)}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
        {total && ranked.length > 1 && <TotalRow rows={ranked} compared={compared} dubang={dubang} />}
      </table>
      {/* 申报完成 is the same count as 已接入申报 (a registration passes only after the connection): one column, said once */}
      <p className="muted small">{t('vocabulary.onboardedMeans')}</p>
    </div>
  );
}

/**
 * 拒绝布线 4，多次推迟 5，…: each count kept whole on its line, so that the column (wide enough
 * to scroll sideways on a phone) breaks between counts, not inside one — a phone's row stays a
 * few lines high instead of one word per line.
 */
function CategoryList({ counts }: { counts: readonly (readonly [LaggardCategory, number])[] }) {
  const { t } = useTranslation();
  if (counts.length === 0) return <>—</>;
  return (
    <>
      {counts.map(([c, n], i) => (
        <span key={c}>
          <span className="nowrap">{t('areas.categoryCount', { category: t(`flag.${c}`), count: n })}</span>
          {i < counts.length - 1 && t('areas.listSeparator')}
        </span>
      ))}
    </>
  );
}

/** The children summed: the total a city's bulletin and its files end with. */
function TotalRow({ rows, compared, dubang }: { rows: readonly RollupRow[]; compared: boolean; dubang: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sum = (f: (r: RollupRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  const total = sum((r) => r.totalUnits);
  const onboarded = sum((r) => r.onboarded);
  const categories = LAGGARD_CATEGORIES.map((c) => [c, sum((r) => r.byCategory[c] ?? 0)] as const).filter(([, n]) => n > 0);
  return (
    <tfoot>
      <tr className="rollup-table__total">
        <td />
        <th scope="row">{t('voice.total')}</th>
        <td className="num">{format.number(total)}</td>
        <td className="num">{format.number(onboarded)}</td>
        <td className="num nowrap">{total === 0 ? '—' : percentText(onboarded / total, 1)}</td>
        {/* the columns line up with the head's: 较上周 when compared, no 申报完成 (the same as 已接入申报) */}
        {compared && <td className="num">{format.number(onboarded - sum((r) => r.previous?.onboarded ?? 0))}</td>}
        <td className="num">{format.number(sum((r) => r.stages.wiring.done))}</td>
        <td className="num">{format.number(sum((r) => r.stages.connection.done))}</td>
        <td className="num">{format.number(sum((r) => r.laggards))}</td>
        <td className="rollup-table__categories">
          <CategoryList counts={categories} />
        </td>
        {dubang && <td className="num rollup-table__dubang">{format.number(sum((r) => r.dubang?.count ?? 0))}</td>}
      </tr>
    </tfoot>
  );
}

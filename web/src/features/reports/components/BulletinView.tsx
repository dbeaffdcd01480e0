// One bulletin (通报) as it prints, from its figures: the live page's (read now) and an issued
// one's (stored when issued) are drawn by this same view, so a reprint is the page that was sent.
// A4 portrait: every column on the page, a heading kept with its table (styles.pages.css).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulletinUnit } from '../../../../../shared/schemas/bulletins.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { LAGGARD_CATEGORIES, type Laggard, type LaggardFilters } from '../api/types.js';
import { unitsWithFlag } from '../aggregate.js';

export interface BulletinViewProps {
  title: string;
  /** the filters in words (or '') */
  scope: string;
  /** the day reported on, formatted */
  date: string;
  /** the first paragraph: bulletinSummary's words */
  text: string;
  /** what changed since compareDays before (docs/contract/api.md "Leaders' view"), when known */
  change?: string | null;
  /** 各县（区）人民政府办公室 for a city's or a province's bulletin */
  addressee: string | null;
  laggards: readonly BulletinUnit[];
  filters: LaggardFilters;
  /** the ranking of the areas below (a city's or a province's) */
  areas?: ReactNode;
  signingOffice: string;
  /** the date under the signature: the day of issue, else the day reported on */
  signedOn: string;
  /** 陇政办通〔2026〕第2期, once issued */
  number?: string;
}

export function BulletinView(p: BulletinViewProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <article className="bulletin">
      {p.number && <p className="bulletin__number">{p.number}</p>}
      <h1>
        {p.title}
        {p.scope && <span className="bulletin__scope">{p.scope}</span>}
      </h1>
      <p className="bulletin__asof">{t('reports.bulletinAsOf', { date: p.date })}</p>
      {p.addressee && <p className="bulletin__addressee">{t('voice.addressee', { addressee: p.addressee })}</p>}
      <p className="bulletin__summary">{p.text}</p>
      {p.change && <p className="bulletin__change">{p.change}</p>}
      {p.areas}
      {LAGGARD_CATEGORIES.filter((c) => !p.filters.category || c === p.filters.category).map((category) => {
        const rows = unitsWithFlag(p.laggards as unknown as Laggard[], category);
        if (rows.length === 0) return null;
        return (
          <section key={category} className="bulletin-section">
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
        {p.signingOffice}
        <br />
        {p.signedOn}
      </p>
    </article>
  );
}

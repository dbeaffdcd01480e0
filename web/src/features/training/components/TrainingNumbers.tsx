// The training numbers per child area (GET /api/reports/training): backbone named, trained,
// reported back (accepted) and on time, absent; the shares of the units.
import { useTranslation } from 'react-i18next';
import { toQuery } from '../../../shared/api/http.js';
import { useTrainingNumbers } from '../api/training.js';

const share = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)}%` : '—');

export function TrainingNumbers({ area }: { area?: string }) {
  const { t } = useTranslation();
  const numbers = useTrainingNumbers(area);
  if (!numbers.data) return null;
  return (
    <section className="card" aria-labelledby="training-numbers">
      <h2 id="training-numbers">{t('training.numbers')}</h2>
      {/* the same rows as files, for the meeting's papers */}
      <p className="button-row">
        <a className="button button--secondary" href={`/api/reports/training.csv${toQuery({ area })}`} download>{t('reports.exportCsv')}</a>
        <a className="button button--secondary" href={`/api/reports/training.xlsx${toQuery({ area })}`} download>{t('reports.exportXlsx')}</a>
      </p>
      <div className="table-scroll">
        <table className="table table--cards">
          <thead>
            <tr>
              <th>{t('training.area')}</th><th>{t('training.units')}</th><th>{t('training.backboneNamed')}</th><th>{t('training.trained')}</th>
              <th>{t('training.reportedBack')}</th><th>{t('training.reportedOnTime')}</th><th>{t('training.absent')}</th>
            </tr>
          </thead>
          <tbody>
            {numbers.data.items.map((r) => (
              <tr key={r.area.code}>
                <td data-label={t('training.area')}>{r.area.name}</td>
                <td data-label={t('training.units')}>{r.units}</td>
                <td data-label={t('training.backboneNamed')}>{r.backboneNamed}（{share(r.backboneNamed, r.units)}）</td>
                <td data-label={t('training.trained')}>{r.trained}（{share(r.trained, r.units)}）</td>
                <td data-label={t('training.reportedBack')}>{r.reportedBack}（{share(r.reportedBack, r.trained)}）</td>
                <td data-label={t('training.reportedOnTime')}>{r.reportedOnTime}（{share(r.reportedOnTime, r.trained)}）</td>
                <td data-label={t('training.absent')}>{r.absent}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

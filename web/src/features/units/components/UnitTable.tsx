import { useTranslation } from 'react-i18next';
import { STAGES } from '../../../../../shared/domain/steps.js';
import type { Unit } from '../../../../../shared/schemas/index.js';
import { StatusBadge } from '../../../shared/components/StageBadge.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { Link } from '../../../shared/router/router.js';
import { stageLabel } from './stage-label.js';

export function UnitTable({ units }: { units: Unit[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <table className="table table--cards">
      <thead>
        <tr>
          <th scope="col">{t('units.code')}</th>
          <th scope="col">{t('units.name')}</th>
          <th scope="col">{t('units.kind')}</th>
          {STAGES.map((s) => <th scope="col" key={s}>{t(`stage.${s}`)}</th>)}
          <th scope="col">{t('units.lastEventAt')}</th>
        </tr>
      </thead>
      <tbody>
        {units.map((unit) => (
          <tr key={unit.id}>
            <td data-label={t('units.code')}>{unit.code}</td>
            <th scope="row" data-label={t('units.name')}>
              <Link to={`/units/${encodeURIComponent(unit.id)}`}>{unit.name}</Link>
            </th>
            <td data-label={t('units.kind')}>{t(`kind.${unit.kind}`)}</td>
            {STAGES.map((s) => (
              <td key={s} data-label={t(`stage.${s}`)}>
                <StatusBadge status={unit.progress[s].status} label={stageLabel(unit.progress[s], t)} />
              </td>
            ))}
            <td data-label={t('units.lastEventAt')}>{format.dateTime(unit.progress.lastEventAt) || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

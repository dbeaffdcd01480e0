import { useTranslation } from 'react-i18next';
import { STAGES } from '../../../../../shared/domain/steps.js';
import type { Unit } from '../../../../../shared/schemas/index.js';
import { StatusBadge } from '../../../shared/components/StageBadge.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { Link } from '@tanstack/react-router';
import { stageLabel } from './stage-label.js';
import { countyOf } from '../../areas/index.js';

export interface Selection {
  selected: ReadonlySet<string>;
  toggle: (id: string, on: boolean) => void;
  toggleAll: (on: boolean) => void;
}

/** With `selection`, each row gets a checkbox (the office picks units to assign). */
export function UnitTable({ units, selection, assigneeName, withCounty }: { units: Unit[]; selection?: Selection; assigneeName?: (id: string | null) => string; withCounty?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <table className="table table--cards">
      <thead>
        <tr>
          {selection && (
            <th scope="col">
              <input
                type="checkbox"
                aria-label={t('assign.selectAll')}
                checked={units.length > 0 && units.every((u) => selection.selected.has(u.id))}
                onChange={(e) => selection.toggleAll(e.target.checked)}
              />
            </th>
          )}
          <th scope="col">{t('units.code')}</th>
          <th scope="col">{t('units.name')}</th>
          <th scope="col">{t('units.kind')}</th>
          {withCounty && <th scope="col" className="nowrap">{t('areas.county')}</th>}
          {STAGES.map((s) => <th scope="col" key={s}>{t(`stage.${s}`)}</th>)}
          <th scope="col">{t('units.lastEventAt')}</th>
          {assigneeName && <th scope="col" className="nowrap">{t('assign.technician')}</th>}
        </tr>
      </thead>
      <tbody>
        {units.map((unit) => (
          <tr key={unit.id}>
            {selection && (
              <td className="select-cell">
                <input
                  type="checkbox"
                  aria-label={t('assign.selectUnit', { name: unit.name })}
                  checked={selection.selected.has(unit.id)}
                  onChange={(e) => selection.toggle(unit.id, e.target.checked)}
                />
              </td>
            )}
            <td data-label={t('units.code')} className="nowrap unit-code">{unit.code}</td>
            <th scope="row" data-label={t('units.name')}>
              <Link to="/units/$id" params={{ id: unit.id }}>{unit.name}</Link>
            </th>
            <td data-label={t('units.kind')} className="nowrap">{t(`kind.${unit.kind}`)}</td>
            {withCounty && <td data-label={t('areas.county')} className="nowrap">{countyOf(unit)}</td>}
            {STAGES.map((s) => (
              <td key={s} data-label={t(`stage.${s}`)}>
                <StatusBadge status={unit.progress[s].status} label={stageLabel(unit.progress[s], t)} />
              </td>
            ))}
            <td data-label={t('units.lastEventAt')} className="nowrap">{format.dateTime(unit.progress.lastEventAt) || '—'}</td>
            {assigneeName && <td data-label={t('assign.technician')} className="nowrap">{assigneeName(unit.assigneeId)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// Deadlines and contact of a unit.
import { useTranslation } from 'react-i18next';
import type { UnitDetail } from '../../../../../shared/schemas/index.js';
import { useSettings } from '../../../shared/api/settings.js';
import { useFormat } from '../../../shared/lib/use-format.js';
import { deadlines } from './deadlines.js';

export function UnitDetails({ unit }: { unit: UnitDetail }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const format = useFormat();
  const items = deadlines(unit, settings, format.today());
  const lateJoin = (['wiringDue', 'connectionDue'] as const).filter((key) => unit.dueDates.sources[key] === 'late_join');
  return (
    <div className="details">
      <section className="panel" aria-labelledby="deadlines-title">
        <h2 id="deadlines-title">{t('unit.deadlines')}</h2>
        <dl className="pairs">
          {items.map((d) => (
            <div key={d.key}>
              <dt>{t(`unit.${d.key}`)}</dt>
              <dd>
                {d.due ? format.date(d.due) : d.key === 'registrationDue' ? t('unit.registrationGrace', { days: settings.registrationGraceDays }) : t('unit.noDeadline')}
                {d.source === 'campaign' && <span className="muted"> {t('unit.campaignDefault')}</span>}
                {d.source === 'unit' && <span className="muted"> {t('unit.dueOwn')}</span>}
                {d.daysLate !== null && d.daysLate > 0 && <span className="badge badge--blocked">{t('unit.overdueBy', { days: d.daysLate })}</span>}
                {d.daysLate !== null && d.daysLate <= 0 && <span className="muted"> · {t('unit.daysLeft', { days: -d.daysLate })}</span>}
              </dd>
            </div>
          ))}
        </dl>
        {lateJoin.length > 0 && (
          // "The record": a unit added after the campaign's date has its own, counted from the day it was added
          <p className="muted" data-testid="late-join">
            {t('unit.lateJoin', { day: format.date(unit.dueDates.addedOn) })}
            {lateJoin.map((key) => t(key === 'wiringDue' ? 'unit.lateJoinWiring' : 'unit.lateJoinConnection', { days: unit.dueDates[key === 'wiringDue' ? 'lateJoinWiringDays' : 'lateJoinConnectionDays'] })).join(t('unit.lateJoinAnd'))}
            {t('unit.lateJoinEnd')}
          </p>
        )}
      </section>
      <section className="panel" aria-labelledby="contact-title">
        <h2 id="contact-title">{t('unit.contact')}</h2>
        <dl className="pairs">
          <div><dt>{t('unit.contactName')}</dt><dd>{unit.contactName || '—'}</dd></div>
          <div>
            <dt>{t('unit.contactPhone')}</dt>
            <dd>{unit.contactPhone ? <a href={`tel:${unit.contactPhone.replace(/[^0-9+]/g, '')}`}>{unit.contactPhone}</a> : '—'}</dd>
          </div>
          <div><dt>{t('unit.address')}</dt><dd>{unit.address || '—'}</dd></div>
          {unit.assignee !== undefined && (
            <div><dt>{t('unit.assignee')}</dt><dd>{unit.assignee?.displayName ?? t('unit.noAssignee')}{unit.assignee?.phone && <> · <a className="nowrap" href={`tel:${unit.assignee.phone.replace(/[^0-9+]/g, '')}`}>{unit.assignee.phone}</a></>}</dd></div>
          )}
          {unit.parentCode && <div><dt>{t('unit.parentCode')}</dt><dd>{unit.parentCode}</dd></div>}
        </dl>
      </section>
    </div>
  );
}

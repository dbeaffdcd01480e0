// No dead ends at the 申报 step: where to register (the platform's address) and whom to call
// (its helpdesk), as the unit's area sets them.
import { useTranslation } from 'react-i18next';
import type { UnitDetail } from '../../../../../shared/schemas/index.js';

const tel = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, '')}`;

export function HelpPanel({ unit }: { unit: UnitDetail }) {
  const { t } = useTranslation();
  const p = unit.progress;
  // the 申报 step: connected and not yet registered (the technician is named under the unit's details)
  if (p.connection.status !== 'done' || p.registration.status === 'done') return null;
  const help = unit.registrationHelp;
  return (
    <section className="panel help-panel" aria-labelledby="help-title">
      <h2 id="help-title">{t('unitHelp.title')}</h2>
      <dl className="pairs">
        <div>
          <dt>{t('unitHelp.platform')}</dt>
          <dd>{help?.platformUrl ? <a href={help.platformUrl} target="_blank" rel="noreferrer">{help.platformUrl}</a> : t('unitHelp.askOffice')}</dd>
        </div>
        <div>
          <dt>{t('unitHelp.helpdesk')}</dt>
          <dd>{help?.helpdeskPhone ? <a className="nowrap" href={tel(help.helpdeskPhone)}>{help.helpdeskPhone}</a> : t('unitHelp.askOffice')}</dd>
        </div>
      </dl>
    </section>
  );
}

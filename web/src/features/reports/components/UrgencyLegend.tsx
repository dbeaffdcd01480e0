// The board's colour rule as its legend: the one table of shared/domain/urgency.ts in the reader's words.
import { useTranslation } from 'react-i18next';
import { URGENCY_RULE } from '../../../../../shared/domain/urgency.js';

export function UrgencyLegend() {
  const { i18n, t } = useTranslation();
  return (
    <ul className="urgency-legend" aria-label={t('leaders.legend')}>
      {URGENCY_RULE.map((r) => (
        <li key={r.urgency}>
          <span className={`urgency-swatch urgency--${r.colour}`} aria-hidden="true" />
          {i18n.language === 'en' ? r.en : r.zh}
        </li>
      ))}
    </ul>
  );
}

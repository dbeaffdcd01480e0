import { useTranslation } from 'react-i18next';
import { SEVERITY_DAYS, SEVERITY_WEIGHTS } from '../severity.js';

/** The ranking rule in the reader's words, its weights from the one constant that defines them. */
export function SeverityRule() {
  const { t } = useTranslation();
  const weights = Object.entries(SEVERITY_WEIGHTS)
    .map(([category, weight]) => `${t(`flag.${category as keyof typeof SEVERITY_WEIGHTS}`)} ${weight}`)
    .join(t('reports.bulletinSeparator'));
  return (
    <details className="panel rule no-print">
      <summary><strong>{t('reports.rule')}</strong></summary>
      <p>{t('reports.ruleText', { weights, days: SEVERITY_DAYS })}</p>
      <p>{t('reports.ruleTies')}</p>
    </details>
  );
}

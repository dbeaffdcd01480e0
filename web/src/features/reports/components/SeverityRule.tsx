import { useTranslation } from 'react-i18next';
import { SEVERITY_RULE, SEVERITY_TIES, SEVERITY_WEIGHTS } from '../severity.js';

/** The ranking rule in words, from the one constant that defines it. */
export function SeverityRule() {
  const { t, i18n } = useTranslation();
  const weights = Object.entries(SEVERITY_WEIGHTS)
    .map(([category, weight]) => `${t(`flag.${category}`)} ${weight}`)
    .join(t('reports.bulletinSeparator'));
  return (
    <details className="panel rule no-print">
      <summary><strong>{t('reports.rule')}</strong></summary>
      <p>{t('reports.ruleText', { weights })}</p>
      <p><code>{SEVERITY_RULE}</code></p>
      <p>{i18n.language === 'en' ? SEVERITY_TIES.en : SEVERITY_TIES.zh}</p>
    </details>
  );
}

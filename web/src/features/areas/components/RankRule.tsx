// The roll-up's rank rule in words, read from the rule's own table (shared/domain/rollup.ts), so
// that the line under the table says what the server sorts by, key by key.
import { useTranslation } from 'react-i18next';
import { ROLLUP_RANK_KEYS } from '../../../../../shared/domain/rollup.js';

export function RankRule({ className }: { className?: string }) {
  const { t } = useTranslation();
  const rules = ROLLUP_RANK_KEYS.map((key) => t(`areas.rank.${key}`)).join(t('areas.rankSeparator'));
  return <p className={className}>{t('areas.rankRule', { rules })}</p>;
}

import { useTranslation } from 'react-i18next';
import type { LaggardFlag } from '../api/types.js';

/** One laggard flag: its name and days late, in the flag's colour. */
export function FlagBadge({ flag }: { flag: LaggardFlag }) {
  const { t } = useTranslation();
  return (
    <span className={`flag flag--${flag.category}`}>
      {t(`flag.${flag.category}`, { defaultValue: flag.category })} · {t('flag.daysLate', { days: flag.daysLate })}
    </span>
  );
}

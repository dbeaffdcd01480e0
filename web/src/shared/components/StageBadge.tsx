// A stage's status as a coloured, labelled badge (colour is never the only signal).
import { useTranslation } from 'react-i18next';
import type { StageStatus } from '../../../../shared/domain/steps.js';

export function StatusBadge({ status, label }: { status: StageStatus; label?: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${status}`}>{label ?? t(`status.${status}`)}</span>;
}

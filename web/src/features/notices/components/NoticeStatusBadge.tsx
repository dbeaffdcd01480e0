import { useTranslation } from 'react-i18next';
import type { NoticeStatus } from '../../../../../shared/domain/notices.js';

export function NoticeStatusBadge({ status }: { status: NoticeStatus }) {
  const { t } = useTranslation();
  return <span className={`badge notice-status notice-status--${status}`}>{t(`notices.status.${status}`)}</span>;
}

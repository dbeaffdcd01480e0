// The board's 催办 cell: how often and when the unit was urged, whether it has answered, and
// "催办后无进展" only from the day after the last notice (on the day itself nobody could have acted yet).
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../shared/lib/use-format.js';

interface Facts {
  count: number;
  lastAt: string | null;
  stepSinceLast: boolean;
  answeredAt?: string | null;
}

/** Whether "no progress since the notice" may be said: not on the day the notice went out. */
export const saysNoProgress = (n: Facts, lastDay: string, today: string) => n.count > 0 && !n.stepSinceLast && lastDay < today;

export function UrgedCell({ unitId, notices }: { unitId: string; notices: Facts }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (notices.count === 0) return <>—</>;
  const answered = notices.answeredAt && notices.lastAt && notices.answeredAt >= notices.lastAt;
  return (
    <>
      <Link to="/notices" search={{ unitId }}>{t('notices.urgedTimes', { count: notices.count, date: format.date(notices.lastAt) })}</Link>
      {answered && <div className="text-ok">{t('board.answered', { date: format.date(notices.answeredAt) })}</div>}
      {saysNoProgress(notices, format.date(notices.lastAt), format.today()) && <div className="text-danger">{t('notices.noStepSince')}</div>}
    </>
  );
}

// The laggard board with no laggard: says whether the area has no unit at all (an empty county)
// or has units and none behind, rather than "没有落后单位" for a county that has nothing yet.
import { useTranslation } from 'react-i18next';
import { useSummary } from '../api/get-summary.js';

export function EmptyBoard({ area, asOf }: { area?: string; asOf?: string }) {
  const { t } = useTranslation();
  const summary = useSummary({ ...(area ? { area } : {}), ...(asOf ? { asOf } : {}) });
  const none = summary.data?.totalUnits === 0;
  return (
    <div className="empty" role="status">
      <p>{none ? t('board.noUnits') : t('reports.noLaggards')}</p>
      {none && <p className="muted">{t('board.noUnitsHint')}</p>}
    </div>
  );
}

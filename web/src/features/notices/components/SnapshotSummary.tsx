// What a 督办 recorded of the area when it was issued: its laggards by category and its worst units.
import { useTranslation } from 'react-i18next';
import { LAGGARD_CATEGORIES } from '../../../../../shared/domain/laggards.js';
import type { Notice } from '../../../../../shared/schemas/notices.js';

export function SnapshotSummary({ snapshot }: { snapshot: NonNullable<Notice['snapshot']> }) {
  const { t } = useTranslation();
  const { row, worst } = snapshot;
  const categories = LAGGARD_CATEGORIES.filter((c) => (row.byCategory[c] ?? 0) > 0).map((c) => `${t(`flag.${c}`)} ${row.byCategory[c]}`);
  return (
    <>
      <div>{t('dubang.snapshotLine', { laggards: row.laggards, total: row.totalUnits, onboarded: row.onboarded })}</div>
      {categories.length > 0 && <div className="muted">{categories.join('，')}</div>}
      {worst.length > 0 && <div className="muted">{t('dubang.worstLine', { units: worst.map((w) => w.unit.name).join('、') })}</div>}
    </>
  );
}

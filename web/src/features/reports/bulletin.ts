// The bulletin's summary paragraph, written from the numbers.
import type { TFunction } from 'i18next';
import { countByCategory } from './aggregate.js';
import type { Laggard, Summary } from './api/types.js';

export interface BulletinNumbers {
  date: string;
  share: string;
  summary: Pick<Summary, 'totalUnits' | 'onboarded'>;
  laggards: readonly Laggard[];
}

export function bulletinSummary({ date, share, summary, laggards }: BulletinNumbers, t: TFunction): string {
  const base = { date, total: summary.totalUnits, onboarded: summary.onboarded, share };
  if (laggards.length === 0) return t('reports.bulletinNone', base);
  const parts = countByCategory(laggards)
    .filter((c) => c.count > 0)
    .map((c) => t('reports.bulletinPart', { category: t(`flag.${c.category}`), count: c.count }))
    .join(t('reports.bulletinSeparator'));
  return t('reports.bulletinSummary', { ...base, laggards: laggards.length, parts });
}

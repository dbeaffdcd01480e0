// The bulletin's words, written from the numbers. Every number comes from the report of the
// units the bulletin covers (the summary and the list asked with the same filters), and a
// filtered bulletin names its filter: a bulletin of the townships that refused wiring once
// printed the whole county's unit count beside its own two laggards, and said no filter applied.
import type { TFunction } from 'i18next';
import { LAGGARD_CATEGORIES, type LaggardFilters, type Summary } from './api/types.js';

/** The filters that narrow what the bulletin (or the board) covers, in words: [] for everything. */
export function scopeParts(filters: LaggardFilters, t: TFunction): string[] {
  const parts: string[] = [];
  if (filters.kind) parts.push(t('reports.scopeKind', { kind: t(`kind.${filters.kind}`) }));
  if (filters.parentCode) parts.push(t('reports.scopeParent', { code: filters.parentCode }));
  if (filters.q?.trim()) parts.push(t('reports.scopeSearch', { q: filters.q.trim() }));
  if (filters.category) parts.push(t('reports.scopeCategory', { category: t(`flag.${filters.category}`) }));
  if (filters.urged === 'no_progress') parts.push(t('reports.scopeUrged'));
  return parts;
}

/** "（单位类型：乡镇；问题类型：拒绝布线）", or '' when nothing is filtered. */
export function scopeText(filters: LaggardFilters, t: TFunction): string {
  const parts = scopeParts(filters, t);
  return parts.length ? t('reports.scope', { parts: parts.join(t('reports.scopeSeparator')) }) : '';
}

export interface BulletinNumbers {
  date: string;
  share: string;
  /** the summary of the units the bulletin covers: asked with the bulletin's kind, parentCode and q */
  summary: Pick<Summary, 'totalUnits' | 'onboarded' | 'laggards'> & { byCategory: Partial<Record<string, number>> };
  /** how many units the bulletin's tables list (all laggards, or those of `filters.category`) */
  listed: number;
  filters: LaggardFilters;
  /** the area the bulletin covers, by its full name (甘肃省陇南市), when it covers one */
  areaName?: string;
  /** how the issuer speaks of all it covers (全县, 全区: docs/contract/areas.md "Each level's voice") */
  whole?: string;
  /** whom the bulletin asks to act: 各县（区） for a city's; the units otherwise */
  addressed?: string;
}

export function bulletinSummary({ date, share, summary, listed, filters, areaName, whole = '全县', addressed }: BulletinNumbers, t: TFunction): string {
  // the problem and the urging narrow what is listed; the rest, which units are covered
  const { category, urged, ...units } = filters;
  const unitScope = scopeParts(units, t);
  const covered = unitScope.length
    ? t('reports.bulletinCoveredScope', { scope: unitScope.join(t('reports.scopeSeparator')) })
    : areaName
      ? t('areas.bulletinCovered', { area: areaName })
      : t('reports.bulletinCoveredAll', { whole });
  const base = { date, covered, total: summary.totalUnits, onboarded: summary.onboarded, share, addressed: addressed ?? t('reports.bulletinAddressedUnits') };
  if (summary.laggards === 0) return t('reports.bulletinNone', base);
  const parts = LAGGARD_CATEGORIES.filter((c) => (summary.byCategory[c] ?? 0) > 0)
    .map((c) => t('reports.bulletinPart', { category: t(`flag.${c}`), count: summary.byCategory[c] }))
    .join(t('reports.bulletinSeparator'));
  // a unit may carry several flags: the parts may add up to more than the laggards
  const several = LAGGARD_CATEGORIES.reduce((n, c) => n + (summary.byCategory[c] ?? 0), 0) > summary.laggards ? t('reports.bulletinSeveral') : '';
  const which = scopeParts({ category, urged }, t).join(t('reports.scopeSeparator'));
  const listing = which ? t('reports.bulletinListed', { which, count: listed }) : '';
  return t('reports.bulletinSummary', { ...base, laggards: summary.laggards, parts, several, listing });
}

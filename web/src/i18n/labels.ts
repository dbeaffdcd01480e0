// Laggard category names come from the shared rules, so the board, the bulletin and the exported files agree.
import { CATEGORY_LABELS, LAGGARD_CATEGORIES, type LaggardCategory } from '../../../shared/domain/laggards.js';

export function categoryLabels(language: 'zh' | 'en'): Record<LaggardCategory, string> {
  const out = {} as Record<LaggardCategory, string>;
  for (const c of LAGGARD_CATEGORIES) {
    const label = CATEGORY_LABELS[c][language];
    out[c] = language === 'en' ? label.charAt(0).toUpperCase() + label.slice(1) : label;
  }
  return out;
}

// The words for the domain's names, in Chinese and English, once: the dashboard's i18n, the
// exported files and the notices read them from here, so a label cannot differ between them.
import type { UnitKind } from './catalogue.js';

export { CATEGORY_LABELS, STAGE_LABELS } from './laggards.js';

export const KIND_LABELS: Record<UnitKind, { zh: string; en: string }> = {
  township: { zh: '乡镇', en: 'township' },
  department: { zh: '部门', en: 'department' },
  other: { zh: '其他', en: 'other' },
};

/** One language's words of a label table: { township: '乡镇', … }. */
export function labelsIn<K extends string>(table: Record<K, { zh: string; en: string }>, language: 'zh' | 'en'): Record<K, string> {
  return Object.fromEntries(Object.entries<{ zh: string; en: string }>(table).map(([key, label]) => [key, label[language]])) as Record<K, string>;
}

export const KIND_LABELS_ZH = labelsIn(KIND_LABELS, 'zh');

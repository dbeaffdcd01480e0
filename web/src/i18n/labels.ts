// Category and kind names come from the shared label table, so the board, the bulletin and the exported files agree.
import { LAGGARD_CATEGORIES, type LaggardCategory } from '../../../shared/domain/laggards.js';
import { CATEGORY_LABELS, KIND_LABELS, labelsIn } from '../../../shared/domain/labels.js';
import type { UnitKind } from '../../../shared/domain/catalogue.js';

const capital = (label: string) => label.charAt(0).toUpperCase() + label.slice(1);

export function kindLabels(language: 'zh' | 'en'): Record<UnitKind, string> {
  const words = labelsIn(KIND_LABELS, language);
  return language === 'en' ? { township: capital(words.township), department: capital(words.department), other: capital(words.other) } : words;
}

export function categoryLabels(language: 'zh' | 'en'): Record<LaggardCategory, string> {
  const out = {} as Record<LaggardCategory, string>;
  for (const c of LAGGARD_CATEGORIES) {
    const label = CATEGORY_LABELS[c][language];
    out[c] = language === 'en' ? capital(label) : label;
  }
  return out;
}

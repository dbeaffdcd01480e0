// Category and kind names come from the shared label table, so the board, the bulletin and the exported files agree.
import { LAGGARD_CATEGORIES, type LaggardCategory } from '../../../shared/domain/laggards.js';
import { CATEGORY_LABELS, KIND_LABELS, labelsIn } from '../../../shared/domain/labels.js';
import type { UnitKind } from '../../../shared/domain/catalogue.js';
import { STAGE_WORDS, type StageWord } from '../../../shared/domain/vocabulary.js';

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

/** A stage's state in words: the one table the exports, bulletin and digest use too. */
export const stageWords = (language: 'zh' | 'en'): Record<StageWord, string> => labelsIn(STAGE_WORDS, language);

/** The bare statuses' words, from the same table. */
export const statusWords = (language: 'zh' | 'en') => {
  const w = stageWords(language);
  return { pending: w.pending, in_progress: w.in_progress, blocked: w.blocked, done: w.done };
};

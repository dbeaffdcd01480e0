// The words for a stage's state: "待审核" and the kind of block say more than the bare status.
import type { TFunction } from 'i18next';
import { REASON_LABELS, type ReasonCode } from '../../../../../shared/domain/steps.js';
import type { Unit } from '../../../../../shared/schemas/index.js';
import { stageWord } from '../../../../../shared/domain/vocabulary.js';

type StageState = Unit['progress']['wiring'];

/** The state's one word (shared/domain/vocabulary.ts), as the exports and the bulletin say it too. */
export function stageLabel(state: StageState, t: TFunction): string {
  return t(`stageWord.${stageWord(state)}`);
}

/** The reason text as someone wrote it, or null when it is only the category's own words (stored for the contract). */
export function ownReason(reason: string | null | undefined, code: string | null | undefined): string | null {
  if (!reason) return null;
  const label = code ? REASON_LABELS[code as ReasonCode] : undefined;
  return label && (reason === label.zh || reason === label.en) ? null : reason;
}

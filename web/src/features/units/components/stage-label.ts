// The words for a stage's state: "待审核" and the kind of block say more than the bare status.
import type { TFunction } from 'i18next';
import type { Unit } from '../../../../../shared/schemas/index.js';

type StageState = Unit['progress']['wiring'];

export function stageLabel(state: StageState, t: TFunction): string {
  if (state.awaitingReview && state.status === 'in_progress') return t('stageNote.awaitingReview');
  if (state.status === 'blocked' && state.blockedBy) return t(`stageNote.${state.blockedBy}`);
  return t(`status.${state.status}`);
}

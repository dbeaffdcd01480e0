// One vocabulary for a stage's state and for shares: the screens, the units export, the bulletin
// and the digest all say "拒绝布线 / 已推迟 / 待审核 / 申报被退回" and "33.3%" from here, so a
// file never says 受阻 where the page says 拒绝布线, nor 32% beside 33.3%.
import type { StageStatus } from './steps.js';

/** What a stage's state is called: the bare status, or what the status hides (a review, a kind of block). */
export const STAGE_WORDS = {
  pending: { zh: '未开始', en: 'Not started' },
  in_progress: { zh: '进行中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  /** the bare "blocked" only where no kind is known (a row written before kinds were kept) */
  blocked: { zh: '受阻', en: 'Blocked' },
  awaiting_review: { zh: '待审核', en: 'Awaiting review' },
  refused: { zh: '拒绝布线', en: 'Wiring refused' },
  postponed: { zh: '已推迟', en: 'Postponed' },
  rejected: { zh: '申报被退回', en: 'Registration rejected' },
} as const satisfies Record<string, { zh: string; en: string }>;
export type StageWord = keyof typeof STAGE_WORDS;

export interface StageStateLike {
  status: StageStatus;
  blockedBy?: 'refused' | 'postponed' | 'rejected' | null;
  awaitingReview?: boolean | null;
}

/** The one word for a stage's state. */
export function stageWord(state: StageStateLike): StageWord {
  if (state.status === 'in_progress' && state.awaitingReview) return 'awaiting_review';
  if (state.status === 'blocked' && state.blockedBy) return state.blockedBy;
  return state.status;
}

/**
 * A share as every screen and file writes it: one decimal, always ("32.0%", "33.3%"); a share of
 * nothing is "—".
 */
export function percentText(part: number, whole: number): string {
  if (!(whole > 0)) return '—';
  return `${percentValue(part / whole).toFixed(1)}%`;
}

/** A 0–1 share as a percentage rounded to one decimal (32.0, 33.3): for charts and number cells. */
export const percentValue = (share: number): number => Math.round(share * 1000) / 10;

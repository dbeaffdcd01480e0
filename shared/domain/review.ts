// The office's review queue (docs/contract/domain.md "The record": waiting for the office is not
// the unit's delay). A registration awaiting review waits on the office: never the unit's stall,
// counted in the summary, and over `reviewDays` the office's own backlog, shown to the level
// above. The reports' SQL (db/queries/reports/review.ts) computes the same; the roll-up's
// property test holds the two to each other.
import { dayNumber, dayOf } from './dates.js';
import type { Progress, StepFact } from './progress.js';

/** Calendar days (in `timeZone`) a registration has awaited review on `asOf`; null when none waits. */
export function reviewWaitDays(progress: Progress, timeZone: string, asOf: string): number | null {
  const r = progress.registration;
  if (r.status !== 'in_progress' || !r.awaitingReview || !r.since) return null;
  return dayNumber(asOf) - dayNumber(dayOf(r.since, timeZone));
}

/**
 * As of the end of `asOf`, from a step history: the days the registration has awaited review,
 * counted from its latest live submission (by seq), as the reports' SQL replays it. This equals
 * reviewWaitDays on the fold for every history in field-time order; for one recorded out of it
 * before migration 0017, a replay that skips a later-dated rejection sees two submissions in a
 * row, and the latest one is the one the office is waiting on.
 */
export function reviewWaitAsOf(steps: readonly (StepFact & { seq: number; voided?: boolean })[], progress: Progress, timeZone: string, asOf: string): number | null {
  if (reviewWaitDays(progress, timeZone, asOf) === null) return null;
  const live = steps.filter((s) => !s.voided && s.type === 'registration.submitted' && dayOf(s.occurredAt, timeZone) <= asOf).sort((a, b) => b.seq - a.seq);
  return live.length ? dayNumber(asOf) - dayNumber(dayOf(live[0].occurredAt, timeZone)) : null;
}

/** Waiting longer than `reviewDays`: the office's backlog. */
export const reviewOverdue = (waitDays: number | null, reviewDays: number) => waitDays !== null && waitDays > reviewDays;

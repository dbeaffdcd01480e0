// The office's review queue (docs/contract/domain.md "The record": waiting for the office is not
// the unit's delay). A registration awaiting review waits on the office: never the unit's stall,
// counted in the summary, and over `reviewDays` the office's own backlog, shown to the level
// above. The reports' SQL (db/queries/reports/review.ts) computes the same; the roll-up's
// property test holds the two to each other.
import { dayNumber, dayOf } from './dates.js';
import type { Progress } from './progress.js';

/** Calendar days (in `timeZone`) a registration has awaited review on `asOf`; null when none waits. */
export function reviewWaitDays(progress: Progress, timeZone: string, asOf: string): number | null {
  const r = progress.registration;
  if (r.status !== 'in_progress' || !r.awaitingReview || !r.since) return null;
  return dayNumber(asOf) - dayNumber(dayOf(r.since, timeZone));
}

/** Waiting longer than `reviewDays`: the office's backlog. */
export const reviewOverdue = (waitDays: number | null, reviewDays: number) => waitDays !== null && waitDays > reviewDays;

// The laggard rules of docs/contract/domain.md ("Deadlines", "Laggards") as pure functions: which flags a
// unit carries as of a calendar day, how serious that is, and how laggards rank. The server's
// SQL computes the same thing in bulk; a property test holds the two to each other.
import { dayNumber, dayOf } from './dates.js';
import { effectiveDeadlines, type AreaRules, type UnitDueDates } from './deadlines.js';
import { deriveProgress, type Progress, type StepFact } from './progress.js';
import { STAGES, type Stage } from './steps.js';
import { TRAINING_CATEGORIES, TRAINING_CATEGORY_LABELS, TRAINING_WEIGHTS } from './training-flags.js';

export const LAGGARD_CATEGORIES = [
  'refused_wiring',
  'repeated_postponement',
  'unregistered_after_connection',
  'overdue_connection',
  'overdue_wiring',
  'stalled',
  // training (shared/domain/training-flags.ts, docs/contract/training.md): stage `training`
  ...TRAINING_CATEGORIES,
] as const;
export type LaggardCategory = (typeof LAGGARD_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<LaggardCategory, { zh: string; en: string }> = {
  refused_wiring: { zh: '拒绝布线', en: 'refused wiring' },
  repeated_postponement: { zh: '多次推迟', en: 'repeated postponement' },
  unregistered_after_connection: { zh: '接入后未及时申报', en: 'connected, not registered' },
  overdue_connection: { zh: '接入逾期', en: 'connection overdue' },
  overdue_wiring: { zh: '布线逾期', en: 'wiring overdue' },
  stalled: { zh: '进展停滞', en: 'stalled' },
  ...TRAINING_CATEGORY_LABELS,
};

export const STAGE_LABELS: Record<Stage | 'training', { zh: string; en: string }> = {
  wiring: { zh: '布线', en: 'wiring' },
  connection: { zh: '接入', en: 'connection' },
  registration: { zh: '申报', en: 'registration' },
  training: { zh: '培训', en: 'training' },
};

/**
 * How laggards rank, shown as is in the dashboard:
 * severity = Σ over the unit's flags of weight × (1 + daysLate / 7);
 * ties go to the larger longest daysLate, then to the unit code.
 */
export const SEVERITY_RULE = {
  weights: {
    refused_wiring: 5,
    repeated_postponement: 4,
    unregistered_after_connection: 3,
    overdue_connection: 3,
    overdue_wiring: 2,
    stalled: 1,
    ...TRAINING_WEIGHTS,
  } satisfies Record<LaggardCategory, number>,
  /** daysLate is counted in weeks: a flag's weight grows by itself every 7 days late */
  daysPerWeight: 7,
  zh: '严重程度 = 各项问题的“权重 × (1 + 逾期天数 / 7)”之和；相同时逾期天数最长者在前，再按单位编码。',
  en: 'severity = Σ over the flags of weight × (1 + daysLate / 7); ties: longest daysLate first, then unit code.',
} as const;

export interface LaggardFlag {
  category: LaggardCategory;
  /** null for repeated_postponement, which counts postponements of any stage; `training` for the training flags */
  stage: Stage | 'training' | null;
  daysLate: number;
}

export interface Laggard {
  flags: LaggardFlag[];
  severity: number;
}

export type Deadlines = UnitDueDates;

/**
 * The settings the rules read: one unit's effective values (its area's, else the
 * installation's: shared/domain/deadlines.ts) and the installation's time zone.
 */
export interface LaggardRules extends AreaRules {
  timezone: string;
}

export { effectiveDeadlines };

/**
 * severity × 7 as an integer: Σ weight × (7 + daysLate). Ranking compares this exact number
 * (the SQL side sorts on the same integer); `severity` is it divided by 7, to two decimals.
 */
function severityScore(flags: readonly LaggardFlag[]): number {
  return flags.reduce((sum, f) => sum + SEVERITY_RULE.weights[f.category] * (SEVERITY_RULE.daysPerWeight + f.daysLate), 0);
}

const scoreToSeverity = (score: number) => Math.round((score / SEVERITY_RULE.daysPerWeight) * 100) / 100;
export const severityOf = (flags: readonly LaggardFlag[]) => scoreToSeverity(severityScore(flags));

const order = new Map(LAGGARD_CATEGORIES.map((c, i) => [c, i]));
const stageOrder = (s: Stage | 'training' | null) => (s === null || s === 'training' ? -1 : STAGES.indexOf(s));
/** Flags in one fixed order: most weighty category first, then by stage. */
export const compareFlags = (a: LaggardFlag, b: LaggardFlag) =>
  order.get(a.category)! - order.get(b.category)! || stageOrder(a.stage) - stageOrder(b.stage);

/** The flags a unit with this progress carries on `asOf` (YYYY-MM-DD in `rules.timezone`). */
export function laggardFlags(progress: Progress, deadlines: Deadlines, rules: LaggardRules, asOf: string): Laggard {
  if (progress.onboarded) return { flags: [], severity: 0 };
  const tz = rules.timezone;
  const today = dayNumber(asOf);
  const since = (instant: string) => today - dayNumber(dayOf(instant, tz));
  const flags: LaggardFlag[] = [];
  const { wiring, connection, registration } = progress;

  if (wiring.status === 'blocked' && wiring.blockedBy === 'refused' && wiring.blockedAt) {
    flags.push({ category: 'refused_wiring', stage: 'wiring', daysLate: since(wiring.blockedAt) });
  }
  if (progress.postponements >= rules.postponementLimit && progress.firstPostponedAt) {
    flags.push({ category: 'repeated_postponement', stage: null, daysLate: since(progress.firstPostponedAt) });
  }
  if (connection.status === 'done' && connection.since && registration.status !== 'done' && !registration.awaitingReview) {
    const late = today - (dayNumber(dayOf(connection.since, tz)) + rules.registrationGraceDays);
    if (late > 0) flags.push({ category: 'unregistered_after_connection', stage: 'registration', daysLate: late });
  }
  if (connection.status !== 'done' && deadlines.connectionDue) {
    const late = today - dayNumber(deadlines.connectionDue);
    if (late > 0) flags.push({ category: 'overdue_connection', stage: 'connection', daysLate: late });
  }
  if (wiring.status !== 'done' && deadlines.wiringDue) {
    const late = today - dayNumber(deadlines.wiringDue);
    if (late > 0) flags.push({ category: 'overdue_wiring', stage: 'wiring', daysLate: late });
  }
  if (progress.lastEventAt) {
    const quiet = since(progress.lastEventAt);
    if (quiet >= rules.stallDays) {
      for (const stage of STAGES) {
        // "The record": a registration awaiting review waits for the office, not the unit (its
        // only in_progress state is that wait), so it is never the unit's stall
        if (stage === 'registration' && registration.awaitingReview) continue;
        if (progress[stage].status === 'in_progress') flags.push({ category: 'stalled', stage, daysLate: quiet });
      }
    }
  }
  flags.sort(compareFlags);
  return { flags, severity: severityOf(flags) };
}

/** A step as stored: the fold's facts plus its place in the history and whether it is void. */
export interface StepRecord extends StepFact {
  seq: number;
  voided?: boolean;
}

/**
 * The progress as of the end of `asOf`: the live steps that had happened by then, in `seq` order.
 * "By then" is docs/contract/domain.md's own words, a step's calendar day on or before `asOf`, rather than an
 * instant bound: the SQL compares with the bound (endOfDay), and the property test holds the two
 * to each other, in zones whose midnight a daylight-saving change skips too.
 */
export function progressAsOf(steps: readonly StepRecord[], asOf: string, timeZone: string, createdAt: string | null = null): Progress {
  const live = steps.filter((s) => !s.voided && dayOf(s.occurredAt, timeZone) <= asOf).sort((a, b) => a.seq - b.seq);
  return deriveProgress(live, createdAt);
}

/** The laggard flags of a unit from its step history, as of the end of `asOf`. */
export function laggardAsOf(steps: readonly StepRecord[], deadlines: Deadlines, rules: LaggardRules, asOf: string): Laggard {
  return laggardFlags(progressAsOf(steps, asOf, rules.timezone), deadlines, rules, asOf);
}

export const maxDaysLate = (flags: readonly LaggardFlag[]) => flags.reduce((m, f) => Math.max(m, f.daysLate), 0);

/** Ranking: most serious first, then the longest daysLate, then the unit code. */
export function compareLaggards(
  a: { code: string; flags: readonly LaggardFlag[] },
  b: { code: string; flags: readonly LaggardFlag[] },
): number {
  return (
    severityScore(b.flags) - severityScore(a.flags) ||
    maxDaysLate(b.flags) - maxDaysLate(a.flags) ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

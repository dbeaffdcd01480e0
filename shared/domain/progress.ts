// A unit's progress is derived from its live steps, folded in the order they were recorded.
// The same fold runs on the server (stored progress, voiding) and in the dashboard.
import type { Role } from './catalogue.js';
import { STEP_RULES, type BlockKind, type ReasonCode, type StageStatus, type StepType } from './steps.js';

export interface StageState {
  status: StageStatus;
  /** when the stage entered this status (ISO time); for an untouched stage, when the unit was created */
  since: string | null;
  reason?: string;
  reasonCode?: ReasonCode;
  blockedBy?: BlockKind;
  /** when the latest blocking step happened (a refusal's day counts from here) */
  blockedAt?: string;
  until?: string;
  plannedDate?: string;
  /** registration only: submitted and waiting for the office to verify or reject */
  awaitingReview?: boolean;
}

export interface Progress {
  wiring: StageState;
  connection: StageState;
  registration: StageState;
  onboarded: boolean;
  /** the latest occurredAt among live steps */
  lastEventAt: string | null;
  postponements: number;
  firstPostponedAt: string | null;
}

/** What the fold needs of a step. */
export interface StepFact {
  type: StepType;
  occurredAt: string;
  data?: {
    reason?: string | null;
    reasonCode?: ReasonCode | null;
    until?: string | null;
    plannedDate?: string | null;
  } | null;
}

export function initialProgress(createdAt: string | null = null): Progress {
  const fresh = (): StageState => ({ status: 'pending', since: createdAt });
  return {
    wiring: fresh(),
    connection: fresh(),
    registration: fresh(),
    onboarded: false,
    lastEventAt: null,
    postponements: 0,
    firstPostponedAt: null,
  };
}

const earlier = (a: string | null, b: string) => (a === null || Date.parse(b) < Date.parse(a) ? b : a);
const later = (a: string | null, b: string) => (a === null || Date.parse(b) > Date.parse(a) ? b : a);

/** The progress after one more step. Rules are not checked here: see `checkStep`. */
export function applyStep(progress: Progress, step: StepFact): Progress {
  const rule = STEP_RULES[step.type];
  const before = progress[rule.stage];
  const data = step.data ?? {};
  const next: StageState = {
    status: rule.status,
    since: before.status === rule.status && rule.status !== 'blocked' ? before.since : step.occurredAt,
  };
  if (rule.status === 'blocked') {
    // a second block keeps the time the stage first became blocked
    if (before.status === 'blocked') next.since = before.since;
    next.blockedBy = 'block' in rule ? rule.block : undefined;
    next.blockedAt = step.occurredAt;
    if (data.reason) next.reason = data.reason;
    if (data.reasonCode) next.reasonCode = data.reasonCode;
    if (data.until) next.until = data.until;
  }
  if (rule.status === 'pending' && data.plannedDate) next.plannedDate = data.plannedDate;
  if (step.type === 'registration.submitted') next.awaitingReview = true;

  const postponed = step.type.endsWith('.postponed');
  const out: Progress = {
    ...progress,
    [rule.stage]: next,
    lastEventAt: later(progress.lastEventAt, step.occurredAt),
    postponements: progress.postponements + (postponed ? 1 : 0),
    firstPostponedAt: postponed ? earlier(progress.firstPostponedAt, step.occurredAt) : progress.firstPostponedAt,
  };
  out.onboarded = out.registration.status === 'done';
  return out;
}

export function deriveProgress(steps: readonly StepFact[], createdAt: string | null = null): Progress {
  return steps.reduce(applyStep, initialProgress(createdAt));
}

export type RefusalCode =
  | 'stage_done'
  | 'wiring_not_done'
  | 'connection_not_done'
  | 'already_awaiting_review'
  | 'not_awaiting_review';

export interface Refusal {
  code: RefusalCode;
  message: string;
}

const verbs: Record<StepType, string> = {
  'wiring.scheduled': 'wiring cannot be scheduled',
  'wiring.started': 'wiring cannot start',
  'wiring.completed': 'wiring cannot be completed',
  'wiring.refused': 'wiring cannot be refused',
  'wiring.postponed': 'wiring cannot be postponed',
  'connection.scheduled': 'connection cannot be scheduled',
  'connection.started': 'connection cannot start',
  'connection.test_failed': 'a connection test cannot fail',
  'connection.completed': 'connection cannot be completed',
  'connection.postponed': 'connection cannot be postponed',
  'registration.submitted': 'registration cannot be submitted',
  'registration.verified': 'registration cannot be verified',
  'registration.rejected': 'registration cannot be rejected',
};

/** Whether the stage machine allows `type` after `progress`; null when it does. */
export function checkStep(progress: Progress, type: StepType): Refusal | null {
  const stage = STEP_RULES[type].stage;
  const refuse = (code: RefusalCode, why: string): Refusal => ({ code, message: `${verbs[type]}: ${why}` });
  if (stage === 'wiring') {
    return progress.wiring.status === 'done' ? refuse('stage_done', 'wiring is already done') : null;
  }
  if (stage === 'connection') {
    if (progress.wiring.status !== 'done') return refuse('wiring_not_done', 'wiring is not done');
    return progress.connection.status === 'done' ? refuse('stage_done', 'connection is already done') : null;
  }
  const reg = progress.registration;
  if (type === 'registration.submitted') {
    if (progress.connection.status !== 'done') return refuse('connection_not_done', 'connection is not done');
    if (reg.status === 'done') return refuse('stage_done', 'registration is already verified');
    if (reg.awaitingReview) return refuse('already_awaiting_review', 'registration is already awaiting review');
    return null;
  }
  return reg.awaitingReview ? null : refuse('not_awaiting_review', 'registration is not awaiting review');
}

/** Whether a user of `role` may record `type`; `ownUnit` says the unit is the user's own. */
export function mayRecord(role: Role, type: StepType, ownUnit: boolean): boolean {
  const roles: readonly Role[] = STEP_RULES[type].roles;
  if (!roles.includes(role)) return false;
  return role !== 'unit' || ownUnit;
}

/** The step types a user may record now: what the dashboard offers. */
export function allowedSteps(progress: Progress, role: Role, ownUnit: boolean): StepType[] {
  return (Object.keys(STEP_RULES) as StepType[]).filter(
    (type) => mayRecord(role, type, ownUnit) && checkStep(progress, type) === null,
  );
}

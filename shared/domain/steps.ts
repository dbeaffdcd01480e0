// The catalogue of stages, statuses and step types from docs/contract/domain.md: one table that the
// server enforces and the dashboard reads to offer only the steps that are allowed.
import type { Role } from './catalogue.js';

export const STAGES = ['wiring', 'connection', 'registration'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_STATUSES = ['pending', 'in_progress', 'blocked', 'done'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** Why a unit refused or postponed: a fixed list so the office can count recurring excuses. */
export const REASON_CODES = [
  'leader_absent',
  'office_renovation',
  'busy_period',
  'no_equipment_room',
  'cost_dispute',
  'security_concern',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/**
 * The categories' words, stored as a step's `reason` when only a category was chosen (the
 * contract's `reason` is then still there for every reader); the dashboard's dictionaries say
 * the same (a test holds them together).
 */
export const REASON_LABELS: Record<ReasonCode, { zh: string; en: string }> = {
  leader_absent: { zh: '领导不在', en: 'Leader absent' },
  office_renovation: { zh: '办公室装修', en: 'Office renovation' },
  busy_period: { zh: '工作繁忙', en: 'Busy period' },
  no_equipment_room: { zh: '无机房或设备间', en: 'No equipment room' },
  cost_dispute: { zh: '费用有争议', en: 'Cost dispute' },
  security_concern: { zh: '担心保密安全', en: 'Security concern' },
  other: { zh: '其他原因', en: 'Other' },
};

/** A category that says enough by itself: the reason text may then be left out ("other" says nothing). */
export const reasonSpeaks = (code: string | null | undefined): code is Exclude<ReasonCode, 'other'> =>
  typeof code === 'string' && code !== 'other' && (REASON_CODES as readonly string[]).includes(code);

export type BlockKind = 'refused' | 'postponed' | 'rejected';
export type StepField = 'plannedDate' | 'reason' | 'until' | 'circuitId' | 'platformRef' | 'note' | 'reasonCode';

export interface StepRule {
  stage: Stage;
  /** roles that may record it; `unit` means the unit's own contact. */
  roles: readonly Role[];
  required: readonly StepField[];
  optional: readonly StepField[];
  /** the stage status after the step */
  status: StageStatus;
  block?: BlockKind;
  /** the required `reason` may be left out when a telling `reasonCode` is chosen: its words become the reason */
  reasonFromCode?: true;
}

const crew: readonly Role[] = ['technician', 'office'];
const registrants: readonly Role[] = ['unit', 'office'];

export const STEP_RULES = {
  'wiring.scheduled': { stage: 'wiring', roles: crew, required: ['plannedDate'], optional: [], status: 'pending' },
  'wiring.started': { stage: 'wiring', roles: crew, required: [], optional: [], status: 'in_progress' },
  'wiring.completed': { stage: 'wiring', roles: crew, required: [], optional: [], status: 'done' },
  'wiring.refused': {
    stage: 'wiring', roles: crew, required: ['reason'], optional: ['reasonCode'], status: 'blocked', block: 'refused', reasonFromCode: true,
  },
  'wiring.postponed': {
    stage: 'wiring', roles: crew, required: ['reason'], optional: ['reasonCode', 'until'], status: 'blocked', block: 'postponed', reasonFromCode: true,
  },
  'connection.scheduled': { stage: 'connection', roles: crew, required: ['plannedDate'], optional: [], status: 'pending' },
  'connection.started': { stage: 'connection', roles: crew, required: [], optional: [], status: 'in_progress' },
  'connection.test_failed': { stage: 'connection', roles: crew, required: ['note'], optional: [], status: 'in_progress' },
  'connection.completed': { stage: 'connection', roles: crew, required: [], optional: ['circuitId'], status: 'done' },
  'connection.postponed': {
    stage: 'connection', roles: crew, required: ['reason'], optional: ['reasonCode', 'until'], status: 'blocked', block: 'postponed', reasonFromCode: true,
  },
  'registration.submitted': {
    stage: 'registration', roles: registrants, required: ['platformRef'], optional: [], status: 'in_progress',
  },
  'registration.verified': { stage: 'registration', roles: ['office'], required: [], optional: [], status: 'done' },
  'registration.rejected': {
    stage: 'registration', roles: ['office'], required: ['reason'], optional: [], status: 'blocked', block: 'rejected',
  },
} as const satisfies Record<string, StepRule>;

export type StepType = keyof typeof STEP_RULES;
export const STEP_TYPES = Object.keys(STEP_RULES) as StepType[];

/**
 * The fields `type` requires, given the step's values: a refusal's or postponement's reason text
 * is not required when a category that says enough is chosen. One rule for the API and the form.
 */
export function requiredFields(type: StepType, values: { reasonCode?: string | null }): StepField[] {
  const rule: StepRule = STEP_RULES[type];
  return rule.required.filter((f) => !(f === 'reason' && rule.reasonFromCode && reasonSpeaks(values.reasonCode)));
}

export function isStepType(value: string): value is StepType {
  return Object.prototype.hasOwnProperty.call(STEP_RULES, value);
}

/**
 * docs/contract/domain.md "The record": how far before the server's clock a role may date a
 * step. A unit's contact: 2 days; technicians and the office: the area's `backdateDays`. A day
 * here is 24 hours of the clock (the bound is an instant, not a calendar day).
 */
export const UNIT_BACKDATE_DAYS = 2;
export const backdateLimitDays = (role: Role, backdateDays: number) => (role === 'unit' ? UNIT_BACKDATE_DAYS : backdateDays);
const DAY_MS = 86_400_000;

/** The earliest instant a step of `role` may be dated, `now` being the server's clock. */
export const earliestOccurredAt = (role: Role, backdateDays: number, now: number) => new Date(now - backdateLimitDays(role, backdateDays) * DAY_MS);

/**
 * Field time only moves forward per unit: a step may not be dated before the unit's latest live
 * step (`latest`, the progress's lastEventAt). Returns the instant it must not precede, or null
 * when it is in order. Reports derive state in field-time order and the stage machine checks
 * in recorded order; holding the two orders equal is what keeps them agreeing.
 */
export function fieldTimeBound(latest: string | null, occurredAt: Date): string | null {
  if (latest === null) return null;
  return occurredAt.getTime() < Date.parse(latest) ? latest : null;
}

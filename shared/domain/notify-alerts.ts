// Which recorded step raises which instant alert: one table.
import type { AlertKind } from '../schemas/notify.js';
import type { StepType } from './steps.js';

export const STEP_ALERTS: Partial<Record<StepType, AlertKind>> = {
  'wiring.refused': 'wiring_refused',
  'wiring.postponed': 'postponement_limit',
  'connection.postponed': 'postponement_limit',
  'registration.rejected': 'registration_rejected',
};

/**
 * The alert a step raises, given the unit's postponements after it: a postponement raises one
 * only on the one that reaches the limit (not on every one after).
 */
export function alertForStep(type: string, postponementsAfter: number, limit: number): AlertKind | null {
  const alert = STEP_ALERTS[type as StepType];
  if (!alert) return null;
  if (alert === 'postponement_limit' && postponementsAfter !== limit) return null;
  return alert;
}

// Whom the unit turns to and where it registers, from its detail as the server sends it.
import type { UnitDetail } from '../../../../../shared/schemas/index.js';
import type { UnitHelp } from './unit-sentences.js';

export const helpOf = (u: UnitDetail): UnitHelp => ({
  technician: u.assignee ?? null,
  platformUrl: u.registrationHelp?.platformUrl ?? null,
  helpdeskPhone: u.registrationHelp?.helpdeskPhone ?? null,
});

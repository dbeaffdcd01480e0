// GET /api/units/:id: the unit as in lists, plus what its own page needs and a unit's contact
// cannot ask the reports for: its laggard flags today, and who looks after it.
import { z } from 'zod';
import { Id, IsoDate } from './common.js';
import { LaggardFlag } from './reports.js';
import { Unit } from './units.js';

/** The unit's flags as the laggard report has them today (the same pure rules, the same settings). */
export const UnitLaggard = z.object({
  asOf: IsoDate,
  flags: z.array(LaggardFlag),
  severity: z.number(),
});
export type UnitLaggard = z.infer<typeof UnitLaggard>;

export const UnitDetail = Unit.extend({
  laggard: UnitLaggard,
  /** the technician assigned to the unit, by name: leaders and contacts cannot list users */
  assignee: z.object({ id: Id, displayName: z.string(), phone: z.string().nullable().optional() }).nullable(),
  /** where the unit registers: the platform's address and helpdesk phone its area sets (else an ancestor's, else the installation's) */
  registrationHelp: z.object({ platformUrl: z.string().nullable(), helpdeskPhone: z.string().nullable() }).optional(),
});
export type UnitDetail = z.infer<typeof UnitDetail>;
export const UnitDetailResponse = z.object({ unit: UnitDetail });

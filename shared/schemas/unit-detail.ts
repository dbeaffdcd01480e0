// GET /api/units/:id: the unit as in lists, plus what its own page needs and a unit's contact
// cannot ask the reports for: its laggard flags today, and who looks after it.
import { z } from 'zod';
import { Id, IsoDate } from './common.js';
import { LaggardFlag } from './reports.js';
import { Unit } from './units.js';

const DueSource = z.enum(['unit', 'campaign', 'late_join', 'none']);

/** The unit's flags as the laggard report has them today (the same pure rules, the same settings). */
export const UnitLaggard = z.object({
  asOf: IsoDate,
  flags: z.array(LaggardFlag),
  severity: z.number(),
});
export type UnitLaggard = z.infer<typeof UnitLaggard>;

/**
 * The unit's wiring and connection due dates as the reports count them, and where each comes
 * from (docs/contract/domain.md "The record"): `unit` its own, `campaign` its area's or the
 * installation's, `late_join` counted from `addedOn` (the unit was added after the campaign's
 * date: lateJoinWiringDays / lateJoinConnectionDays after it), `none` no due date.
 */
export const UnitDueDates = z.object({
  addedOn: IsoDate,
  wiringDue: IsoDate.nullable(),
  connectionDue: IsoDate.nullable(),
  sources: z.object({ wiringDue: DueSource, connectionDue: DueSource }),
  lateJoinWiringDays: z.number().int(),
  lateJoinConnectionDays: z.number().int(),
});
export type UnitDueDates = z.infer<typeof UnitDueDates>;

export const UnitDetail = Unit.extend({
  laggard: UnitLaggard,
  dueDates: UnitDueDates,
  /** the technician assigned to the unit, by name: leaders and contacts cannot list users */
  assignee: z.object({ id: Id, displayName: z.string(), phone: z.string().nullable().optional() }).nullable(),
  /** where the unit registers: the platform's address and helpdesk phone its area sets (else an ancestor's, else the installation's) */
  registrationHelp: z.object({ platformUrl: z.string().nullable(), helpdeskPhone: z.string().nullable() }).optional(),
});
export type UnitDetail = z.infer<typeof UnitDetail>;
export const UnitDetailResponse = z.object({ unit: UnitDetail });

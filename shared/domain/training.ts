// The training's own rules (docs/contract/training.md): when a training takes sign-ins, what its
// status is, when a unit's report-back is due, and the rotating code's clock. Pure: the server
// enforces them, the dashboard shows the same.
import { addDays, dayOf } from './dates.js';

/** Sign-in opens this long before the start (the hall fills up early) and closes at the end. */
export const SIGN_IN_OPENS_BEFORE_MS = 30 * 60 * 1000;
/** A new code is shown every minute; each code is taken for two (so one shown just before a change still works). */
export const CODE_SLOT_MS = 60 * 1000;
export const CODE_VALID_SLOTS = 2;

export interface TrainingTimes {
  startsAt: string | Date;
  endsAt: string | Date;
  closedAt: string | Date | null;
}

const ms = (t: string | Date) => (typeof t === 'string' ? Date.parse(t) : t.getTime());

/** Whether sign-in by code is taken now: from 30 minutes before the start to the end, and not closed. */
export const acceptsSignIn = (t: TrainingTimes, now: Date) => !t.closedAt && now.getTime() >= ms(t.startsAt) - SIGN_IN_OPENS_BEFORE_MS && now.getTime() <= ms(t.endsAt);

/** scheduled until sign-in opens, open until the office closes it, then closed. */
export function trainingStatus(t: TrainingTimes, now: Date): 'scheduled' | 'open' | 'closed' {
  if (t.closedAt) return 'closed';
  return now.getTime() >= ms(t.startsAt) - SIGN_IN_OPENS_BEFORE_MS ? 'open' : 'scheduled';
}

/** The training's last day, in the installation's zone. */
export const lastDayOf = (endsAt: string | Date, timeZone: string) => dayOf(endsAt, timeZone);

/** A report-back is due `reportBackDays` after the training's last day. */
export const reportBackDue = (endsAt: string | Date, timeZone: string, reportBackDays: number) => addDays(lastDayOf(endsAt, timeZone), reportBackDays);

/** The slot a moment falls in: codes are a function of the training's secret and the slot. */
export const codeSlot = (now: Date) => Math.floor(now.getTime() / CODE_SLOT_MS);
/** When the code of `slot` stops being taken. */
export const codeExpiresAt = (slot: number) => new Date((slot + CODE_VALID_SLOTS) * CODE_SLOT_MS);

// A unit's deadlines: its own due dates, else the campaign's; registration counts from the connection day.
import type { Settings, Unit } from '../../../../../shared/schemas/index.js';
import { addDays, dayOf, daysBetween } from '../../../../../shared/domain/dates.js';

export interface Deadline {
  key: 'wiringDue' | 'connectionDue' | 'registrationDue';
  due: string | null;
  /** the due date is the campaign's default, not the unit's own */
  fromCampaign: boolean;
  /** days past the due date (> 0) or left (<= 0 as negative lateness); null when met or not set */
  daysLate: number | null;
}

export function deadlines(unit: Unit, settings: Settings, today: string): Deadline[] {
  const p = unit.progress;
  const late = (due: string | null, done: boolean) => (due && !done ? daysBetween(due, today) : null);
  const connectionDay = p.connection.status === 'done' && p.connection.since ? dayOf(p.connection.since, settings.timezone) : null;
  const registrationDue = connectionDay ? addDays(connectionDay, settings.registrationGraceDays) : null;
  const registered = p.registration.status === 'done' || Boolean(p.registration.awaitingReview);
  return [
    { key: 'wiringDue', due: unit.wiringDue ?? settings.wiringDue, fromCampaign: !unit.wiringDue && Boolean(settings.wiringDue), daysLate: late(unit.wiringDue ?? settings.wiringDue, p.wiring.status === 'done') },
    { key: 'connectionDue', due: unit.connectionDue ?? settings.connectionDue, fromCampaign: !unit.connectionDue && Boolean(settings.connectionDue), daysLate: late(unit.connectionDue ?? settings.connectionDue, p.connection.status === 'done') },
    { key: 'registrationDue', due: registrationDue, fromCampaign: false, daysLate: late(registrationDue, registered) },
  ];
}

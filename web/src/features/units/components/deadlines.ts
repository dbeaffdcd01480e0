// A unit's deadlines: its own due dates, else the campaign's; registration counts from the connection day.
import type { Settings, Unit } from '../../../../../shared/schemas/index.js';
import { dateIn, daysBetween } from '../../../shared/lib/time.js';

export interface Deadline {
  key: 'wiringDue' | 'connectionDue' | 'registrationDue';
  due: string | null;
  /** the due date is the campaign's default, not the unit's own */
  fromCampaign: boolean;
  /** days past the due date (> 0) or left (<= 0 as negative lateness); null when met or not set */
  daysLate: number | null;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function deadlines(unit: Unit, settings: Settings, today: string): Deadline[] {
  const p = unit.progress;
  const late = (due: string | null, done: boolean) => (due && !done ? daysBetween(due, today) : null);
  const connectionDay = p.connection.status === 'done' && p.connection.since ? dateIn(settings.timezone, new Date(p.connection.since)) : null;
  const registrationDue = connectionDay ? addDays(connectionDay, settings.registrationGraceDays) : null;
  const registered = p.registration.status === 'done' || Boolean(p.registration.awaitingReview);
  return [
    { key: 'wiringDue', due: unit.wiringDue ?? settings.wiringDue, fromCampaign: !unit.wiringDue && Boolean(settings.wiringDue), daysLate: late(unit.wiringDue ?? settings.wiringDue, p.wiring.status === 'done') },
    { key: 'connectionDue', due: unit.connectionDue ?? settings.connectionDue, fromCampaign: !unit.connectionDue && Boolean(settings.connectionDue), daysLate: late(unit.connectionDue ?? settings.connectionDue, p.connection.status === 'done') },
    { key: 'registrationDue', due: registrationDue, fromCampaign: false, daysLate: late(registrationDue, registered) },
  ];
}

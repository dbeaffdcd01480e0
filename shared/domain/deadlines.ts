// Deadlines as docs/contract/areas.md "Scopes" gives them: the installation's settings are the default, any
// area (province › city › county) may set its own values, an area without one takes its nearest
// ancestor's, and a unit's own due dates win over all of them. The reports' SQL joins the values
// resolved here (db/queries/reports/facts.ts); a property test holds the two
// to each other. The unit page shows the same rule (web/src/features/units/components/deadlines.ts).
import { addDays, dayOf, daysBetween } from './dates.js';

/** The values an area may set for itself; the time zone stays one per installation. */
export const AREA_RULE_FIELDS = [
  'wiringDue',
  'connectionDue',
  'registrationGraceDays',
  'stallDays',
  'postponementLimit',
  // "The record" (docs/contract/domain.md): how far back a technician or the office may date a
  // step, how long a registration may await review, and the due dates of a unit added late
  'backdateDays',
  'reviewDays',
  'lateJoinWiringDays',
  'lateJoinConnectionDays',
  // the training's deadlines (docs/contract/training.md)
  'backboneDue',
  'reportBackDays',
] as const;
export type AreaRuleField = (typeof AREA_RULE_FIELDS)[number];

export interface AreaRules {
  wiringDue: string | null;
  connectionDue: string | null;
  registrationGraceDays: number;
  stallDays: number;
  postponementLimit: number;
  backdateDays: number;
  reviewDays: number;
  lateJoinWiringDays: number;
  lateJoinConnectionDays: number;
  // the training's (docs/contract/training.md), optional so that callers that predate them need not name them
  backboneDue?: string | null;
  reportBackDays?: number;
}

/** The record's defaults (docs/contract/domain.md "The record"). */
export const RECORD_DEFAULTS = { backdateDays: 30, reviewDays: 3, lateJoinWiringDays: 14, lateJoinConnectionDays: 30 } as const;

/** An area's own values: null inherits (from its nearest ancestor that has one, else the installation). */
export type AreaOwnRules = { [K in Exclude<AreaRuleField, TrainingRuleField>]: AreaRules[K] | null } & { [K in TrainingRuleField]?: AreaRules[K] | null };
type TrainingRuleField = 'backboneDue' | 'reportBackDays';

/** Which area each effective value comes from; null: the installation's settings. */
export type RuleSources = Record<AreaRuleField, string | null>;

export const NO_OWN_RULES: AreaOwnRules = Object.fromEntries(AREA_RULE_FIELDS.map((f) => [f, null])) as AreaOwnRules;

/**
 * The effective values for the area `code`: its own, else its nearest ancestor's, else the
 * installation's. `own` holds the areas that set anything (a code's ancestors are its 2- and
 * 4-digit prefixes); `code` null (a unit without a county) gets the installation's.
 */
export function effectiveAreaRules<T extends AreaRules>(
  installation: T,
  own: ReadonlyMap<string, Partial<AreaOwnRules>>,
  code: string | null,
): { rules: T; sources: RuleSources } {
  const rules = { ...installation };
  const sources = Object.fromEntries(AREA_RULE_FIELDS.map((f) => [f, null])) as RuleSources;
  if (code !== null) {
    // top first, so that a nearer area overwrites a farther one
    for (const n of [2, 4, 6]) {
      if (n > code.length) break;
      const area = code.slice(0, n);
      const values = own.get(area);
      if (!values) continue;
      for (const field of AREA_RULE_FIELDS) {
        const v = values[field];
        if (v === null || v === undefined) continue;
        (rules as Record<AreaRuleField, unknown>)[field] = v;
        sources[field] = area;
      }
    }
  }
  return { rules, sources };
}

/** Whether an area's own values set nothing (then it needs no row). */
export const setsNothing = (own: Partial<AreaOwnRules>) => AREA_RULE_FIELDS.every((f) => own[f] === null || own[f] === undefined);

export interface UnitDueDates {
  wiringDue: string | null;
  connectionDue: string | null;
}

/** A unit's own due dates override its area's (and so the installation's). */
export function effectiveDeadlines(unit: Partial<UnitDueDates>, rules: UnitDueDates): UnitDueDates {
  return { wiringDue: unit.wiringDue ?? rules.wiringDue, connectionDue: unit.connectionDue ?? rules.connectionDue };
}

/** What the deadlines read of a stage (the API's progress or the fold's). */
interface StageFacts {
  status: string;
  since: string | null;
}

export interface Deadline {
  key: 'wiringDue' | 'connectionDue' | 'registrationDue';
  due: string | null;
  /** the due date is the campaign's (its area's or the installation's), not the unit's own */
  fromCampaign: boolean;
  /** days past the due date (> 0) or left (<= 0 as negative lateness); null when met or not set */
  daysLate: number | null;
}

/**
 * A unit's three deadlines as the unit page shows them, with `rules` its effective values (its
 * area's, or the installation's settings): registration counts from the connection day.
 */
export function deadlines(
  unit: UnitDueDates & { progress: Record<'wiring' | 'connection', StageFacts> & { registration: StageFacts & { awaitingReview?: boolean } } },
  rules: UnitDueDates & { timezone: string; registrationGraceDays: number },
  today: string,
): Deadline[] {
  const p = unit.progress;
  const late = (due: string | null, done: boolean) => (due && !done ? daysBetween(due, today) : null);
  const connectionDay = p.connection.status === 'done' && p.connection.since ? dayOf(p.connection.since, rules.timezone) : null;
  const registrationDue = connectionDay ? addDays(connectionDay, rules.registrationGraceDays) : null;
  const registered = p.registration.status === 'done' || Boolean(p.registration.awaitingReview);
  const due = effectiveDeadlines(unit, rules);
  return [
    { key: 'wiringDue', due: due.wiringDue, fromCampaign: !unit.wiringDue && Boolean(rules.wiringDue), daysLate: late(due.wiringDue, p.wiring.status === 'done') },
    { key: 'connectionDue', due: due.connectionDue, fromCampaign: !unit.connectionDue && Boolean(rules.connectionDue), daysLate: late(due.connectionDue, p.connection.status === 'done') },
    { key: 'registrationDue', due: registrationDue, fromCampaign: false, daysLate: late(registrationDue, registered) },
  ];
}

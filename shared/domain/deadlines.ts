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

/**
 * "Units added late are not late on day one" (docs/contract/domain.md "The record"): a due date
 * the unit was added after (its day of creation in the installation's zone later than the
 * campaign's date) is replaced, for that unit, by the day it was added plus these many days.
 * Each due date on its own: a unit added between the wiring and the connection due dates keeps
 * the campaign's connection date. The reports' SQL (db/queries/reports/facts.ts) reads the same
 * table; the property tests hold the two to each other.
 */
export const LATE_JOIN_RULE = {
  wiringDue: 'lateJoinWiringDays',
  connectionDue: 'lateJoinConnectionDays',
} as const satisfies Record<keyof UnitDueDates, AreaRuleField>;

/** where a unit's due date comes from: its own, its area's or the installation's, counted from the day it was added, or none */
export type DueSource = 'unit' | 'campaign' | 'late_join' | 'none';
export type LateJoinDays = Pick<AreaRules, 'lateJoinWiringDays' | 'lateJoinConnectionDays'>;

/** The day a unit was added: its creation's calendar day in the installation's zone. */
export const addedOn = (createdAt: string | Date, timeZone: string) => dayOf(createdAt, timeZone);

/** Whether a unit belongs in a report of `asOf`: one added after that day is in none of them. */
export const addedBy = (added: string, asOf: string) => added <= asOf;

/**
 * A unit's due dates and where each comes from: its own win; else its area's (or the
 * installation's), unless it was added after that date (then counted from the day it was added).
 * `added` null: the unit's day is not known (a form not yet saved), the campaign's apply.
 */
export function dueDatesOf(
  unit: Partial<UnitDueDates>,
  rules: UnitDueDates & LateJoinDays,
  added: string | null,
): UnitDueDates & { sources: Record<keyof UnitDueDates, DueSource> } {
  const one = (key: keyof UnitDueDates): [string | null, DueSource] => {
    const own = unit[key];
    if (own) return [own, 'unit'];
    const campaign = rules[key];
    if (!campaign) return [null, 'none'];
    if (added !== null && added > campaign) return [addDays(added, rules[LATE_JOIN_RULE[key]]), 'late_join'];
    return [campaign, 'campaign'];
  };
  const [wiringDue, w] = one('wiringDue');
  const [connectionDue, c] = one('connectionDue');
  return { wiringDue, connectionDue, sources: { wiringDue: w, connectionDue: c } };
}

/**
 * A unit's backbone due day (training.md's `backboneDue`): like its wiring, a unit added after the
 * area's date has `lateJoinWiringDays` from the day it was added to name its backbone person —
 * naming one is the first thing a new unit is asked, as wiring is the first stage. `added` null:
 * not known, the area's date applies. The SQL: db/queries/reports/training-flags.ts.
 */
export function backboneDueOf(areaDue: string | null, added: string | null, rules: Pick<LateJoinDays, 'lateJoinWiringDays'>): string | null {
  if (!areaDue) return null;
  return added !== null && added > areaDue ? addDays(added, rules.lateJoinWiringDays) : areaDue;
}

/** A unit's effective due dates (dueDatesOf without the sources). */
export function effectiveDeadlines(unit: Partial<UnitDueDates>, rules: UnitDueDates & LateJoinDays, added: string | null): UnitDueDates {
  const { wiringDue, connectionDue } = dueDatesOf(unit, rules, added);
  return { wiringDue, connectionDue };
}

/** What the deadlines read of a stage (the API's progress or the fold's). */
interface StageFacts {
  status: string;
  since: string | null;
}

export interface Deadline {
  key: 'wiringDue' | 'connectionDue' | 'registrationDue';
  due: string | null;
  /** where the due date comes from (registration: counted from the connection day, 'none') */
  source: DueSource;
  /** days past the due date (> 0) or left (<= 0 as negative lateness); null when met or not set */
  daysLate: number | null;
}

/**
 * A unit's three deadlines as the unit page shows them: wiring and connection as the server
 * resolved them (dueDatesOf: its own, its area's, or counted from the day it was added),
 * registration counted from the connection day.
 */
export function deadlines(
  unit: { dueDates: UnitDueDates & { sources: Record<keyof UnitDueDates, DueSource> } } & {
    progress: Record<'wiring' | 'connection', StageFacts> & { registration: StageFacts & { awaitingReview?: boolean } };
  },
  rules: { timezone: string; registrationGraceDays: number },
  today: string,
): Deadline[] {
  const p = unit.progress;
  const late = (due: string | null, done: boolean) => (due && !done ? daysBetween(due, today) : null);
  const connectionDay = p.connection.status === 'done' && p.connection.since ? dayOf(p.connection.since, rules.timezone) : null;
  const registrationDue = connectionDay ? addDays(connectionDay, rules.registrationGraceDays) : null;
  const registered = p.registration.status === 'done' || Boolean(p.registration.awaitingReview);
  const due = unit.dueDates;
  return [
    { key: 'wiringDue', due: due.wiringDue, source: due.sources.wiringDue, daysLate: late(due.wiringDue, p.wiring.status === 'done') },
    { key: 'connectionDue', due: due.connectionDue, source: due.sources.connectionDue, daysLate: late(due.connectionDue, p.connection.status === 'done') },
    { key: 'registrationDue', due: registrationDue, source: 'none', daysLate: late(registrationDue, registered) },
  ];
}

/**
 * A unit's own due dates in the order the steps run: connection follows wiring, so a connection
 * due before the wiring is a typo (POST/PATCH /api/units and the import refuse it alike). Answers
 * the Chinese reason, naming both dates, or null; either date absent is no order to break.
 */
export function dueOrderProblem(wiringDue: string | null | undefined, connectionDue: string | null | undefined): string | null {
  if (!wiringDue || !connectionDue || connectionDue >= wiringDue) return null;
  return `接入截止日期 ${connectionDue} 早于布线截止日期 ${wiringDue}：接入须在布线之后，请检查这两个日期`;
}

import { describe, expect, it } from 'vitest';
import { addDays, dayOf, endOfDay, startOfDay } from '../../shared/domain/dates.js';
import {
  compareLaggards,
  effectiveDeadlines,
  LAGGARD_CATEGORIES,
  laggardAsOf,
  severityOf,
  type Deadlines,
  type LaggardCategory,
  type LaggardFlag,
  type LaggardRules,
  type StepRecord,
} from '../../shared/domain/laggards.js';
import type { StepType } from '../../shared/domain/steps.js';
import { RECORD_DEFAULTS } from '../../shared/domain/deadlines.js';

const rules: LaggardRules = {
  timezone: 'Asia/Shanghai',
  wiringDue: null,
  connectionDue: null,
  registrationGraceDays: 7,
  stallDays: 14,
  postponementLimit: 2,
  ...RECORD_DEFAULTS,
};
const none: Deadlines = { wiringDue: null, connectionDue: null };

/** A history in order; each entry is [type, local day, extra]. Steps happen at 10:00 in Shanghai. */
type Entry = [StepType, string] | [StepType, string, Partial<StepRecord>];
function history(...entries: Entry[]): StepRecord[] {
  return entries.map(([type, day, extra], i) => ({ type, occurredAt: `${day}T10:00:00+08:00`, seq: i + 1, data: { reason: '理由', plannedDate: day }, ...extra }));
}
const flagsOf = (steps: StepRecord[], asOf: string, deadlines = none, r = rules) => laggardAsOf(steps, deadlines, r, asOf).flags;

const wired = (day = '2026-03-01'): [StepType, string][] => [['wiring.started', day], ['wiring.completed', day]];
const connected = (day: string): [StepType, string][] => [...wired('2026-03-01'), ['connection.started', '2026-03-02'], ['connection.completed', day]];

describe('calendar days in the campaign time zone', () => {
  it('puts an instant on the day it falls on in the zone, not in UTC', () => {
    expect(dayOf('2026-03-10T16:30:00Z', 'Asia/Shanghai')).toBe('2026-03-11');
    expect(dayOf('2026-03-10T15:59:59Z', 'Asia/Shanghai')).toBe('2026-03-10');
  });

  it('ends a day at the next local midnight, across a daylight-saving change too', () => {
    expect(endOfDay('2026-03-10', 'Asia/Shanghai').toISOString()).toBe('2026-03-10T16:00:00.000Z');
    expect(startOfDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });
});

describe('refused_wiring', () => {
  const steps = history(['wiring.scheduled', '2026-03-01'], ['wiring.refused', '2026-03-10']);

  it('does not apply the day before the refusal', () => {
    expect(flagsOf(steps, '2026-03-09')).toEqual([]);
  });

  it('applies on the day of the refusal with 0 days, counting up from there', () => {
    expect(flagsOf(steps, '2026-03-10')).toEqual([{ category: 'refused_wiring', stage: 'wiring', daysLate: 0 }]);
    expect(flagsOf(steps, '2026-03-15')).toEqual([{ category: 'refused_wiring', stage: 'wiring', daysLate: 5 }]);
  });

  it('counts from the latest refusal', () => {
    const twice = history(['wiring.refused', '2026-03-01'], ['wiring.scheduled', '2026-03-03'], ['wiring.refused', '2026-03-10']);
    expect(flagsOf(twice, '2026-03-12')).toEqual([{ category: 'refused_wiring', stage: 'wiring', daysLate: 2 }]);
  });

  it('counts a refusal late in the evening (UTC) on the next local day', () => {
    const late = [{ type: 'wiring.refused' as const, occurredAt: '2026-03-10T16:30:00Z', seq: 1, data: { reason: 'x' } }];
    expect(flagsOf(late, '2026-03-10')).toEqual([]);
    expect(flagsOf(late, '2026-03-11')).toEqual([{ category: 'refused_wiring', stage: 'wiring', daysLate: 0 }]);
  });

  it('no longer applies once wiring is scheduled again or the block becomes a postponement', () => {
    expect(flagsOf(history(['wiring.refused', '2026-03-10'], ['wiring.scheduled', '2026-03-11']), '2026-03-20')).toEqual([]);
    expect(flagsOf(history(['wiring.refused', '2026-03-10'], ['wiring.postponed', '2026-03-11']), '2026-03-20')).toEqual([]);
  });
});

describe('repeated_postponement', () => {
  const steps = history(['wiring.postponed', '2026-03-01'], ['wiring.scheduled', '2026-03-02'], ['wiring.postponed', '2026-03-05']);

  it('does not apply while postponements are below the limit', () => {
    expect(flagsOf(steps, '2026-03-04')).toEqual([]);
  });

  it('applies from the day the limit is reached, counting days since the first postponement', () => {
    expect(flagsOf(steps, '2026-03-05')).toEqual([{ category: 'repeated_postponement', stage: null, daysLate: 4 }]);
  });

  it('counts postponements of any stage together', () => {
    const both = history(['wiring.postponed', '2026-03-01'], ...wired('2026-03-02'), ['connection.postponed', '2026-03-06']);
    expect(flagsOf(both, '2026-03-06')).toEqual([{ category: 'repeated_postponement', stage: null, daysLate: 5 }]);
  });

  it('follows the postponement limit in the settings', () => {
    expect(flagsOf(steps, '2026-03-05', none, { ...rules, postponementLimit: 3 })).toEqual([]);
    expect(flagsOf(steps.slice(0, 1), '2026-03-01', none, { ...rules, postponementLimit: 1 })).toEqual([
      { category: 'repeated_postponement', stage: null, daysLate: 0 },
    ]);
  });
});

describe('overdue_wiring', () => {
  const due = { wiringDue: '2026-03-31', connectionDue: null };

  it('does not apply on the due date itself', () => {
    expect(flagsOf([], '2026-03-31', due)).toEqual([]);
  });

  it('applies from the next day with the days past the due date', () => {
    expect(flagsOf([], '2026-04-01', due)).toEqual([{ category: 'overdue_wiring', stage: 'wiring', daysLate: 1 }]);
    expect(flagsOf([], '2026-04-10', due)).toEqual([{ category: 'overdue_wiring', stage: 'wiring', daysLate: 10 }]);
  });

  it('does not apply once wiring is done', () => {
    expect(flagsOf(history(...wired('2026-04-05')), '2026-04-10', due)).toEqual([]);
  });

  it("takes the unit's own due date over the campaign's", () => {
    const deadlines = effectiveDeadlines({ wiringDue: '2026-04-15' }, { wiringDue: '2026-03-31', connectionDue: '2026-05-31', ...RECORD_DEFAULTS }, '2026-01-05');
    expect(deadlines).toEqual({ wiringDue: '2026-04-15', connectionDue: '2026-05-31' });
    expect(flagsOf([], '2026-04-10', deadlines)).toEqual([]);
    expect(effectiveDeadlines({ wiringDue: null }, { wiringDue: '2026-03-31', connectionDue: null, ...RECORD_DEFAULTS }, '2026-03-31').wiringDue).toBe('2026-03-31');
  });
});

describe('overdue_connection', () => {
  const due = { wiringDue: null, connectionDue: '2026-04-30' };

  it('does not apply on the due date and applies the day after', () => {
    const steps = history(...wired());
    expect(flagsOf(steps, '2026-04-30', due)).toEqual([]);
    expect(flagsOf(steps, '2026-05-01', due)).toEqual([{ category: 'overdue_connection', stage: 'connection', daysLate: 1 }]);
  });

  it('applies whatever the wiring, and not once connection is done', () => {
    expect(flagsOf([], '2026-05-03', due)).toEqual([{ category: 'overdue_connection', stage: 'connection', daysLate: 3 }]);
    expect(flagsOf(history(...connected('2026-04-20'), ['registration.submitted', '2026-04-21']), '2026-05-03', due)).toEqual([]);
  });
});

describe('unregistered_after_connection', () => {
  const steps = history(...connected('2026-03-10'));

  it('does not apply on the last day of grace', () => {
    expect(flagsOf(steps, '2026-03-17')).toEqual([]);
  });

  it('applies the day after the grace with the days past it', () => {
    expect(flagsOf(steps, '2026-03-18')).toEqual([{ category: 'unregistered_after_connection', stage: 'registration', daysLate: 1 }]);
  });

  it('does not apply while a registration awaits review, and applies again after a rejection', () => {
    const submitted = history(...connected('2026-03-10'), ['registration.submitted', '2026-03-12']);
    expect(flagsOf(submitted, '2026-03-20')).toEqual([]);
    const rejected = history(...connected('2026-03-10'), ['registration.submitted', '2026-03-12'], ['registration.rejected', '2026-03-13']);
    expect(flagsOf(rejected, '2026-03-20')).toEqual([{ category: 'unregistered_after_connection', stage: 'registration', daysLate: 3 }]);
  });

  it('follows the grace days in the settings', () => {
    expect(flagsOf(steps, '2026-03-11', none, { ...rules, registrationGraceDays: 0 })).toEqual([
      { category: 'unregistered_after_connection', stage: 'registration', daysLate: 1 },
    ]);
  });
});

describe('stalled', () => {
  const steps = history(['wiring.started', '2026-03-01']);

  it('does not apply the day before stallDays have passed without a step', () => {
    expect(flagsOf(steps, '2026-03-14')).toEqual([]);
  });

  it('applies when stallDays have passed, with the days since the last step', () => {
    expect(flagsOf(steps, '2026-03-15')).toEqual([{ category: 'stalled', stage: 'wiring', daysLate: 14 }]);
  });

  it('names the stage in progress and counts from the unit’s last step of any stage', () => {
    const conn = history(...wired('2026-03-01'), ['connection.started', '2026-03-02'], ['connection.test_failed', '2026-03-05']);
    expect(flagsOf(conn, '2026-03-19')).toEqual([{ category: 'stalled', stage: 'connection', daysLate: 14 }]);
  });

  it('does not apply to a stage that is pending or blocked', () => {
    expect(flagsOf(history(['wiring.scheduled', '2026-03-01']), '2026-04-01')).toEqual([]);
    expect(flagsOf(history(['wiring.postponed', '2026-03-01']), '2026-04-01')).toEqual([]);
  });

  it('never applies to a registration awaiting the office’s review: the wait is the office’s (docs/contract/domain.md "The record")', () => {
    const waiting = history(...connected('2026-03-10'), ['registration.submitted', '2026-03-11']);
    expect(flagsOf(waiting, '2026-03-25')).toEqual([]);
  });
});

describe('which steps count', () => {
  it('ignores voided steps', () => {
    const steps = history(['wiring.scheduled', '2026-03-01'], ['wiring.refused', '2026-03-10', { voided: true }]);
    expect(flagsOf(steps, '2026-03-20')).toEqual([]);
  });

  it('ignores steps that happened after the as-of date', () => {
    const steps = history(['wiring.started', '2026-03-01'], ['wiring.refused', '2026-03-20']);
    expect(flagsOf(steps, '2026-03-16')).toEqual([{ category: 'stalled', stage: 'wiring', daysLate: 15 }]);
  });

  it('folds in seq order, not in occurredAt order', () => {
    // logged offline: the refusal was recorded last but happened before the start
    const steps = history(['wiring.started', '2026-03-05'], ['wiring.refused', '2026-03-03']);
    expect(flagsOf(steps, '2026-03-06')).toEqual([{ category: 'refused_wiring', stage: 'wiring', daysLate: 3 }]);
  });

  it('never flags an onboarded unit, however late it was', () => {
    const steps = history(
      ['wiring.postponed', '2026-01-01'],
      ['wiring.postponed', '2026-01-02'],
      ...wired('2026-02-01'),
      ['connection.completed', '2026-02-02'],
      ['registration.submitted', '2026-03-01'],
      ['registration.verified', '2026-03-02'],
    );
    expect(laggardAsOf(steps, { wiringDue: '2026-01-01', connectionDue: '2026-01-01' }, rules, '2026-06-01')).toEqual({ flags: [], severity: 0 });
    // the day before verification it was one
    expect(flagsOf(steps, '2026-03-01', { wiringDue: '2026-01-01', connectionDue: '2026-01-01' })).toEqual([
      { category: 'repeated_postponement', stage: null, daysLate: 59 },
    ]);
  });
});

describe('severity and ranking', () => {
  const flag = (category: LaggardCategory, daysLate = 0): LaggardFlag => ({ category, stage: null, daysLate });

  it('at the same lateness, ranks a refusal first, then repeated postponements, a missing registration or a late connection alike, a late wiring, a stall last', () => {
    const ranked = LAGGARD_CATEGORIES.map((category) => ({ code: category, flags: [flag(category, 3)] })).sort(compareLaggards);
    // the training flags (weights 2, 2, 1) rank among them; equal weights fall to the code
    expect(ranked.map((u) => u.code)).toEqual(['refused_wiring', 'repeated_postponement', 'overdue_connection', 'unregistered_after_connection', 'overdue_wiring', 'report_back_overdue', 'training_absent', 'no_backbone', 'stalled']);
    expect(severityOf([flag('overdue_connection', 3)])).toBe(severityOf([flag('unregistered_after_connection', 3)]));
  });

  it('weighs a flag once more for every 7 days late, and adds up a unit’s flags', () => {
    for (const category of LAGGARD_CATEGORIES) {
      const onTime = severityOf([flag(category)]);
      expect(onTime, category).toBeGreaterThan(0);
      expect(severityOf([flag(category, 7)]), category).toBe(2 * onTime);
      expect(severityOf([flag(category, 21)]), category).toBe(4 * onTime);
      expect(severityOf([flag(category, 7), flag('stalled', 14)]), category).toBe(2 * onTime + severityOf([flag('stalled', 14)]));
    }
  });

  it('puts numbers on it: a refusal a week old, a stall with a late wiring, a wiring a day late', () => {
    expect(severityOf([{ category: 'refused_wiring', stage: 'wiring', daysLate: 7 }])).toBe(10);
    expect(severityOf([{ category: 'stalled', stage: 'wiring', daysLate: 0 }, { category: 'overdue_wiring', stage: 'wiring', daysLate: 14 }])).toBe(7);
    expect(severityOf([{ category: 'overdue_wiring', stage: 'wiring', daysLate: 1 }])).toBe(2.29);
  });

  it('ranks by severity, then the longest daysLate, then the unit code', () => {
    const unit = (code: string, ...flags: [string, number][]) => ({
      code,
      flags: flags.map(([category, daysLate]) => ({ category: category as 'stalled', stage: 'wiring' as const, daysLate })),
    });
    const ranked = [
      unit('C', ['overdue_wiring', 7]), // 4
      unit('B', ['overdue_wiring', 7]), // 4, same: by code
      unit('A', ['stalled', 21]), // 4, longer daysLate
      unit('D', ['refused_wiring', 0]), // 5
    ].sort(compareLaggards);
    expect(ranked.map((u) => u.code)).toEqual(['D', 'A', 'B', 'C']);
  });
});

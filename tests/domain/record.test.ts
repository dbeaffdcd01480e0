// The record's pure rules (docs/contract/domain.md "The record"): field-time order, backdating by
// role, the review wait, and the digest saying the office's queue apart from the laggards.
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../shared/domain/notify-digest.js';
import { applyStep, initialProgress, type StepFact } from '../../shared/domain/progress.js';
import { reviewOverdue, reviewWaitDays } from '../../shared/domain/review.js';
import { earliestOccurredAt, fieldTimeBound } from '../../shared/domain/steps.js';
import { LAGGARD_CATEGORIES, laggardFlags, type LaggardCategory } from '../../shared/domain/laggards.js';
import { RECORD_DEFAULTS } from '../../shared/domain/deadlines.js';

const DAY = 86_400_000;

describe('field time and backdating', () => {
  it('refuses only a time before the latest live step, naming it', () => {
    expect(fieldTimeBound(null, new Date('2026-01-01T00:00:00Z'))).toBeNull();
    expect(fieldTimeBound('2026-12-01T02:00:00.000Z', new Date('2026-12-01T02:00:00Z'))).toBeNull();
    expect(fieldTimeBound('2026-12-01T02:00:00.000Z', new Date('2026-12-01T01:59:59Z'))).toBe('2026-12-01T02:00:00.000Z');
  });

  it('bounds a unit’s contact at 2 days and the others at backdateDays', () => {
    const now = Date.parse('2026-12-06T00:00:00Z');
    expect(earliestOccurredAt('unit', 30, now).getTime()).toBe(now - 2 * DAY);
    expect(earliestOccurredAt('technician', 30, now).getTime()).toBe(now - 30 * DAY);
    expect(earliestOccurredAt('office', 7, now).getTime()).toBe(now - 7 * DAY);
  });
});

describe('the review wait', () => {
  const steps: StepFact[] = [
    { type: 'wiring.completed' as const, occurredAt: '2026-11-28T02:00:00.000Z', data: {} },
    { type: 'connection.completed' as const, occurredAt: '2026-11-29T02:00:00.000Z', data: {} },
    { type: 'registration.submitted' as const, occurredAt: '2026-12-01T02:00:00.000Z', data: {} },
  ];
  const submitted = steps.reduce(applyStep, initialProgress());
  const rules = { timezone: 'Asia/Shanghai', wiringDue: null, connectionDue: null, registrationGraceDays: 7, stallDays: 3, postponementLimit: 2, ...RECORD_DEFAULTS };

  it('counts calendar days since the submission, and is never the unit’s stall (the issue: 进展停滞 5 天 on 12-06)', () => {
    expect(reviewWaitDays(submitted, 'Asia/Shanghai', '2026-12-06')).toBe(5);
    expect(reviewOverdue(5, 3)).toBe(true);
    expect(reviewOverdue(3, 3)).toBe(false);
    expect(laggardFlags(submitted, { wiringDue: null, connectionDue: null }, rules, '2026-12-06').flags).toEqual([]);
    const rejected = applyStep(submitted, { type: 'registration.rejected', occurredAt: '2026-12-02T02:00:00.000Z', data: { reason: '材料不全' } });
    expect(reviewWaitDays(rejected, 'Asia/Shanghai', '2026-12-06')).toBeNull();
  });

  it('is said in the digest apart from the laggards', () => {
    const byCategory = Object.fromEntries(LAGGARD_CATEGORIES.map((c) => [c, 0])) as Record<LaggardCategory, number>;
    const { text } = buildDigest({ date: '2026-12-06', totals: { totalUnits: 9, onboarded: 2, laggards: 0 }, byCategory, laggards: [], review: { awaiting: 3, oldestDays: 5 }, maxBytes: 4096 });
    expect(text).toContain('待审核申报 **3** 个，最久已等待 5 天（政府办审核队列，不计入落后单位）。');
    const none = buildDigest({ date: '2026-12-06', totals: { totalUnits: 9, onboarded: 2, laggards: 0 }, byCategory, laggards: [], review: { awaiting: 0, oldestDays: null }, maxBytes: 4096 });
    expect(none.text).not.toContain('待审核');
  });
});

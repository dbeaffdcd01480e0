// The leaders' view's pure rules: the digest's "较上周" line.
import { describe, expect, it } from 'vitest';
import { LAGGARD_CATEGORIES } from '../../shared/domain/laggards.js';
import { buildDigest } from '../../shared/domain/notify-digest.js';
import { nextDue, URGENCY_COLOUR, URGENCY_RULE, urgencyOf } from '../../shared/domain/urgency.js';

const byCategory = Object.fromEntries(LAGGARD_CATEGORIES.map((c) => [c, 0])) as Record<(typeof LAGGARD_CATEGORIES)[number], number>;

describe('the digest says what changed over the week', () => {
  it('names the week before, the change in totals and the units that moved', () => {
    const { text } = buildDigest({
      date: '2026-12-08',
      totals: { totalUnits: 40, onboarded: 12, laggards: 5 },
      week: { date: '2026-12-01', onboarded: 9, laggards: 7, newlyOnboarded: 3, newLaggards: 1, resolved: 3 },
      byCategory: { ...byCategory, refused_wiring: 5 },
      laggards: [],
      maxBytes: 4096,
    });
    expect(text).toContain('较上周（2026-12-01）：完成 +3 个（新增完成 3 个），落后单位 -2 个（新增落后 1 个，已解决 3 个）。');
  });

  it('says nothing of a week it was not given', () => {
    const { text } = buildDigest({ date: '2026-12-08', totals: { totalUnits: 4, onboarded: 4, laggards: 0 }, byCategory, laggards: [], maxBytes: 4096 });
    expect(text).not.toContain('较上周');
  });
});

describe('the colour rule (URGENCY_RULE)', () => {
  it('gives every laggard category exactly one colour: red for overdue, yellow for held up', () => {
    for (const c of LAGGARD_CATEGORIES) expect(URGENCY_RULE.filter((r) => (r.categories as readonly string[]).includes(c)), c).toHaveLength(1);
    expect(urgencyOf([{ category: 'overdue_wiring' }])?.colour).toBe('red');
    expect(urgencyOf([{ category: 'unregistered_after_connection' }])?.colour).toBe('red');
    expect(urgencyOf([{ category: 'stalled' }])?.colour).toBe('yellow');
    expect(urgencyOf([{ category: 'refused_wiring' }, { category: 'repeated_postponement' }])?.colour).toBe('yellow');
    // red wins: a refused unit past its wiring date is overdue
    expect(urgencyOf([{ category: 'refused_wiring' }, { category: 'overdue_connection' }])?.colour).toBe('red');
    expect(urgencyOf([])).toBeNull();
    expect(URGENCY_COLOUR.due_soon).toBe('blue');
  });

  it('takes a due date from asOf to asOf + days, the earliest first, the earlier stage on a tie', () => {
    const asOf = '2026-12-06';
    expect(nextDue({ wiring: '2026-12-05' }, asOf, 3)).toBeNull();
    expect(nextDue({ wiring: '2026-12-06' }, asOf, 3)).toEqual({ stage: 'wiring', dueOn: '2026-12-06', daysLeft: 0 });
    expect(nextDue({ wiring: '2026-12-09' }, asOf, 3)).toEqual({ stage: 'wiring', dueOn: '2026-12-09', daysLeft: 3 });
    expect(nextDue({ wiring: '2026-12-10' }, asOf, 3)).toBeNull();
    expect(nextDue({ wiring: '2026-12-08', connection: '2026-12-07' }, asOf, 3)?.stage).toBe('connection');
    expect(nextDue({ wiring: '2026-12-07', registration: '2026-12-07' }, asOf, 3)?.stage).toBe('wiring');
    expect(nextDue({ wiring: null, connection: '2026-12-04', registration: '2026-12-08' }, asOf, 3)?.stage).toBe('registration');
  });
});

describe('the digest warns of units due soon', () => {
  it('counts them and names the soonest five', () => {
    const names = ['甲', '乙', '丙', '丁', '戊', '己'];
    const { text } = buildDigest({ date: '2026-12-08', totals: { totalUnits: 9, onboarded: 1, laggards: 0 }, dueSoon: { days: 3, total: 7, names }, byCategory, laggards: [], maxBytes: 4096 });
    expect(text).toContain('临近到期（3 天内）**7** 个：甲、乙、丙、丁、戊 等。');
    const none = buildDigest({ date: '2026-12-08', totals: { totalUnits: 9, onboarded: 1, laggards: 0 }, dueSoon: { days: 3, total: 0, names: [] }, byCategory, laggards: [], maxBytes: 4096 });
    expect(none.text).not.toContain('临近到期');
  });
});

// The leaders' view's pure rules: the digest's "较上周" line.
import { describe, expect, it } from 'vitest';
import { LAGGARD_CATEGORIES } from '../../shared/domain/laggards.js';
import { buildDigest } from '../../shared/domain/notify-digest.js';

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

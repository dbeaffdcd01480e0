import { describe, expect, it } from 'vitest';
import { LAGGARD_CATEGORIES } from '../../shared/domain/laggards.js';
import { flagActions, flagProblem, noticeNumber, noticeStatus } from '../../shared/domain/notices.js';

describe('notice rules', () => {
  it('a notice is open until its respond-by day has passed, then overdue; answered and withdrawn are final', () => {
    const n = { withdrawnAt: null, answeredAt: null, respondBy: '2026-12-08' };
    expect(noticeStatus(n, '2026-12-08')).toBe('open');
    expect(noticeStatus(n, '2026-12-09')).toBe('overdue');
    expect(noticeStatus({ ...n, answeredAt: new Date() }, '2026-12-20')).toBe('answered');
    expect(noticeStatus({ ...n, answeredAt: new Date(), withdrawnAt: new Date() }, '2026-12-01')).toBe('withdrawn');
  });

  it('numbers as an official document does', () => {
    expect(noticeNumber(2026, 12)).toBe('催办〔2026〕第 12 号');
  });

  it('says every flag in words with its days, and today’s as today’s', () => {
    for (const category of LAGGARD_CATEGORIES) {
      const text = flagProblem({ category, stage: null, daysLate: 12 });
      expect(text, category).toContain('12 天');
      expect(text).not.toMatch(/[a-z_]{4,}/);
    }
    expect(flagProblem({ category: 'refused_wiring', stage: 'wiring', daysLate: 0 })).toBe('今天拒绝电信技术人员进入办公室布线');
    expect(flagActions([
      { category: 'overdue_wiring', stage: 'wiring', daysLate: 3 },
      { category: 'overdue_wiring', stage: 'wiring', daysLate: 3 },
    ])).toHaveLength(1);
  });
});

import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import '../../web/src/i18n/index.js';
import { unitsWithFlag } from '../../web/src/features/reports/aggregate.js';
import type { Laggard } from '../../web/src/features/reports/api/types.js';
import { bulletinSummary } from '../../web/src/features/reports/bulletin.js';
import { SEVERITY_RULE, severityOf } from '../../web/src/features/reports/severity.js';

const laggard = (id: string, name: string, flags: Laggard['flags'], parentCode: string | null = null): Laggard => ({
  unit: { id, code: id.toUpperCase(), name, kind: 'department', parentCode, contactName: null, contactPhone: null, assignee: null },
  flags,
  severity: severityOf(flags),
  maxDaysLate: Math.max(...flags.map((f) => f.daysLate)),
  lastEventAt: null,
  notices: { count: 0, lastAt: null, stepSinceLast: false },
});

const items = [
  laggard('a', '财政局', [{ category: 'refused_wiring', stage: 'wiring', daysLate: 14 }, { category: 'overdue_wiring', stage: 'wiring', daysLate: 3 }], 'XZ'),
  laggard('b', '教育局', [{ category: 'overdue_wiring', stage: 'wiring', daysLate: 10 }], 'BM'),
];
const byCategory = { refused_wiring: 1, repeated_postponement: 0, unregistered_after_connection: 0, overdue_connection: 0, overdue_wiring: 2, stalled: 0, report_back_overdue: 0, training_absent: 0, no_backbone: 0 };

describe('laggard board', () => {
  it('states the severity rule from its constant', () => {
    expect(SEVERITY_RULE).toBe(
      "severity = sum over the unit's flags of weight × (1 + daysLate/7); weights: refused_wiring 5, repeated_postponement 4, unregistered_after_connection 3, overdue_connection 3, overdue_wiring 2, stalled 1, report_back_overdue 2, training_absent 2, no_backbone 1",
    );
  });

  it('weighs each flag by its days late', () => {
    expect(severityOf([{ category: 'refused_wiring', stage: 'wiring', daysLate: 7 }])).toBe(10);
    expect(severityOf([{ category: 'stalled', stage: 'wiring', daysLate: 0 }, { category: 'overdue_wiring', stage: 'wiring', daysLate: 14 }])).toBe(7);
  });

  it('lists a category latest first', () => {
    expect(unitsWithFlag(items, 'overdue_wiring').map((r) => r.laggard.unit.id)).toEqual(['b', 'a']);
  });

  it('writes the bulletin summary from the numbers', async () => {
    await i18n.changeLanguage('zh');
    const text = bulletinSummary({ date: '2026-11-28', share: '40%', summary: { totalUnits: 5, onboarded: 2, laggards: 2, byCategory }, listed: 2, filters: {} }, i18n.t);
    expect(text).toContain('全县纳入政务专网接入工作的单位共 5 个');
    expect(text).toContain('已完成接入并申报 2 个，完成率 40%');
    expect(text).toContain('2 个单位进度落后，其中拒绝布线 1 个，布线逾期 2 个（同一单位可能同时存在多类问题');
  });

  it('says so when nobody lags', () => {
    const none = Object.fromEntries(Object.keys(byCategory).map((c) => [c, 0])) as typeof byCategory;
    const text = bulletinSummary({ date: '2026-11-28', share: '100%', summary: { totalUnits: 2, onboarded: 2, laggards: 0, byCategory: none }, listed: 0, filters: {} }, i18n.t);
    expect(text).toContain('暂无进度落后的单位');
  });
});

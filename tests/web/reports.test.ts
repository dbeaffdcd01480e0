import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import '../../web/src/i18n/index.js';
import { countByCategory, narrowLaggards, unitsWithFlag } from '../../web/src/features/reports/aggregate.js';
import { normalizeTrend } from '../../web/src/features/reports/api/get-trend.js';
import type { Laggard } from '../../web/src/features/reports/api/types.js';
import { bulletinSummary } from '../../web/src/features/reports/bulletin.js';
import { SEVERITY_RULE, severityOf } from '../../web/src/features/reports/severity.js';

const laggard = (id: string, name: string, flags: Laggard['flags'], parentCode: string | null = null): Laggard => ({
  unit: { id, code: id.toUpperCase(), name, kind: 'department', parentCode },
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

describe('laggard board', () => {
  it('states the severity rule from its constant', () => {
    expect(SEVERITY_RULE).toBe(
      "severity = sum over the unit's flags of weight × (1 + daysLate/7); weights: refused_wiring 5, repeated_postponement 4, unregistered_after_connection 3, overdue_connection 3, overdue_wiring 2, stalled 1",
    );
  });

  it('weighs each flag by its days late', () => {
    expect(severityOf([{ category: 'refused_wiring', stage: 'wiring', daysLate: 7 }])).toBe(10);
    expect(severityOf([{ category: 'stalled', stage: 'wiring', daysLate: 0 }, { category: 'overdue_wiring', stage: 'wiring', daysLate: 14 }])).toBe(7);
  });

  it('counts units, not flags, per category', () => {
    expect(countByCategory(items).find((c) => c.category === 'overdue_wiring')?.count).toBe(2);
  });

  it('narrows by search text in name or code', () => {
    expect(narrowLaggards(items, { q: '教育' }).map((l) => l.unit.id)).toEqual(['b']);
    expect(narrowLaggards(items, { q: 'a' }).map((l) => l.unit.id)).toEqual(['a']);
  });

  it('lists a category latest first', () => {
    expect(unitsWithFlag(items, 'overdue_wiring').map((r) => r.laggard.unit.id)).toEqual(['b', 'a']);
  });

  it('writes the bulletin summary from the numbers', async () => {
    await i18n.changeLanguage('zh');
    const text = bulletinSummary({ date: '2026/11/28', share: '40%', summary: { totalUnits: 5, onboarded: 2 }, laggards: items }, i18n.t);
    expect(text).toContain('共 5 个');
    expect(text).toContain('已完成接入并申报 2 个，完成率 40%');
    expect(text).toContain('2 个单位进度落后，其中拒绝布线 1 个，布线逾期 2 个');
  });

  it('says so when nobody lags', () => {
    const text = bulletinSummary({ date: '2026/11/28', share: '100%', summary: { totalUnits: 2, onboarded: 2 }, laggards: [] }, i18n.t);
    expect(text).toContain('暂无进度落后的单位');
  });

  it('accepts the trend as items or days with either field spelling', () => {
    expect(normalizeTrend({ items: [{ date: '2026-11-01', wiring: 1, connection: 0, registration: 0 }] })).toEqual([
      { date: '2026-11-01', wiring: 1, connection: 0, registration: 0 },
    ]);
    expect(normalizeTrend({ days: [{ date: '2026-11-01', wiringDone: 3, connectionDone: 2, registrationDone: 1 }] })).toEqual([
      { date: '2026-11-01', wiring: 3, connection: 2, registration: 1 },
    ]);
  });
});

// What the reports tests share: the campaign's settings reset before each test, days and times
// relative to today in the campaign's zone, steps recorded on a given day, units under a parent
// code of their own, and the laggards report read back. Bound to a file's app by `ctx`.
import { beforeEach, expect } from 'vitest';
import { addDays, today } from '../../shared/domain/dates.js';
import type { StepType } from '../../shared/domain/steps.js';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/schemas/settings.js';
import type { Agent, TestApp } from '../helpers/app.js';

export const TZ = 'Asia/Shanghai';

const DATA: Partial<Record<StepType, Record<string, string>>> = {
  'wiring.scheduled': { plannedDate: '2026-01-01' },
  'wiring.refused': { reason: '领导不在', reasonCode: 'leader_absent' },
  'wiring.postponed': { reason: '办公室装修', reasonCode: 'office_renovation' },
  'connection.scheduled': { plannedDate: '2026-01-01' },
  'connection.postponed': { reason: '年底忙', reasonCode: 'busy_period' },
  'registration.submitted': { platformRef: 'SQ-1' },
  'registration.rejected': { reason: '材料不全' },
};

/** A calendar day relative to today in the campaign's zone. */
export const day = (offset: number) => addDays(today(TZ), offset);
/** A time on that day (10:00 there; for today, a minute ago). */
export const at = (offset: number) => (offset >= 0 ? new Date(Date.now() - 60_000).toISOString() : `${day(offset)}T10:00:00+08:00`);

export interface LaggardsAnswer {
  asOf: string;
  total: number;
  page: number;
  pageSize: number;
  items: { unit: { id: string; code: string; name: string; kind: string }; flags: { category: string; stage: string | null; daysLate: number }[]; severity: number; lastEventAt: string | null }[];
}

/** The helpers on the file's app and office; registers the settings' reset before each test. */
export function reportsKit(ctx: () => { t: TestApp; office: Agent }) {
  // Settings are the campaign's one row: every test starts from the defaults and sets what it needs.
  const useSettings = async (patch: Partial<Settings> = {}) => {
    const res = await ctx().office.put('/api/settings', { ...DEFAULT_SETTINGS, ...patch });
    expect(res.statusCode).toBe(200);
  };
  beforeEach(() => useSettings());

  async function record(unitId: string, type: StepType, offset: number, data: Record<string, string> = {}) {
    const res = await ctx().office.post(`/api/units/${unitId}/events`, {
      type,
      occurredAt: at(offset),
      ...(type === 'connection.test_failed' ? { note: '测试不通' } : {}),
      data: { ...DATA[type], ...data },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().event as { id: string };
  }

  /** A unit under its own parent code, so a test can read back only its own units. */
  async function unitIn(area: string, fields: Parameters<TestApp['unit']>[0] = {}) {
    return ctx().t.unit({ parentCode: area, ...fields });
  }

  const laggards = async (query: string, agent?: Agent) => {
    const res = await (agent ?? ctx().office).get(`/api/reports/laggards?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as LaggardsAnswer;
  };

  return { useSettings, record, unitIn, laggards };
}

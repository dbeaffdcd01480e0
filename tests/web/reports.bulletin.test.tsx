// @vitest-environment jsdom
// The bulletin as the dashboard renders it, against a fake API that answers what the server
// would for the filters it is asked: its totals must be those of the units it covers.
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LAGGARD_CATEGORIES, severityOf, type LaggardFlag } from '../../shared/domain/laggards.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import type { LaggardItem, SummaryReport } from '../../shared/schemas/reports.js';
import { BulletinPage } from '../../web/src/features/reports/components/BulletinPage.js';
import { LaggardsPage } from '../../web/src/features/reports/components/LaggardsPage.js';
import { fakeApi, office, renderAs } from './render.js';

const AS_OF = '2026-12-01';

const laggard = (code: string, name: string, kind: LaggardItem['unit']['kind'], flags: LaggardFlag[]): LaggardItem => ({
  unit: { id: code, code, name, kind, parentCode: '621223', contactName: '张三', contactPhone: '0939-1234567', assignee: { id: 't1', displayName: '李师傅' } },
  flags,
  severity: severityOf(flags),
  maxDaysLate: Math.max(...flags.map((f) => f.daysLate)),
  lastEventAt: '2026-11-20T02:00:00.000Z',
  notices: { count: 0, lastAt: null, stepSinceLast: false },
});

// The county: 67 units (25 townships), 41 laggards; of the townships, 12 lag and 2 refused wiring.
const COUNTY = [
  laggard('T1', '哈达铺镇人民政府', 'township', [{ category: 'refused_wiring', stage: 'wiring', daysLate: 12 }, { category: 'overdue_wiring', stage: 'wiring', daysLate: 5 }]),
  laggard('T2', '理川镇人民政府', 'township', [{ category: 'refused_wiring', stage: 'wiring', daysLate: 3 }]),
  laggard('D1', '县教育局', 'department', [{ category: 'refused_wiring', stage: 'wiring', daysLate: 9 }]),
  laggard('T3', '沙湾镇人民政府', 'township', [{ category: 'stalled', stage: 'connection', daysLate: 20 }]),
];

function summaryOf(scope: URLSearchParams): SummaryReport {
  const zero = Object.fromEntries(LAGGARD_CATEGORIES.map((c) => [c, 0])) as SummaryReport['byCategory'];
  const stages = { pending: 0, in_progress: 0, blocked: 0, done: 0 };
  const base = { asOf: AS_OF, stages: { wiring: stages, connection: stages, registration: stages }, byKind: { township: 12, department: 29, other: 0 }, awaitingReview: 0, oldestReviewDays: null };
  if (scope.get('kind') === 'township') {
    return { ...base, totalUnits: 25, onboarded: 6, laggards: 12, byCategory: { ...zero, refused_wiring: 2, overdue_wiring: 10, stalled: 3 } };
  }
  return { ...base, totalUnits: 67, onboarded: 14, laggards: 41, byCategory: { ...zero, refused_wiring: 3, overdue_wiring: 30, stalled: 12 } };
}

function serve() {
  return fakeApi(({ url }) => {
    const { pathname, searchParams } = new URL(url, 'http://local');
    if (pathname === '/api/settings') return { status: 200, body: { ...DEFAULT_SETTINGS, signingOffice: '宕昌县人民政府办公室' } };
    if (pathname === '/api/reports/summary') return { status: 200, body: summaryOf(searchParams) };
    if (pathname === '/api/reports/laggards') {
      const items = COUNTY.filter(
        (l) =>
          (!searchParams.get('kind') || l.unit.kind === searchParams.get('kind')) &&
          (!searchParams.get('category') || l.flags.some((f) => f.category === searchParams.get('category'))) &&
          (!searchParams.get('q') || l.unit.name.includes(searchParams.get('q')!)),
      );
      return { status: 200, body: { asOf: AS_OF, total: items.length, page: 1, pageSize: 500, items } };
    }
    return undefined;
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T04:00:00Z') });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const at = (path: string) => window.history.replaceState(null, '', path);

describe('the bulletin', () => {
  it('filtered to townships that refused wiring, states the townships’ totals and names its filter in its heading', async () => {
    const api = serve();
    at('/laggards/bulletin?kind=township&category=refused_wiring');
    await renderAs(office, <BulletinPage />);
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toBe('关于政务专网接入落后单位的通报（单位类型：乡镇；问题类型：拒绝布线）');

    // the totals were asked for the units the bulletin covers
    const summaryCall = api.calls.find((c) => c.url.startsWith('/api/reports/summary'))!;
    expect(new URL(summaryCall.url, 'http://local').searchParams.get('kind')).toBe('township');
    const text = document.querySelector('.bulletin__summary')!.textContent!;
    expect(text).toContain('截至2026-12-01，本通报范围（单位类型：乡镇）内纳入政务专网接入工作的单位共 25 个，已完成接入并申报 6 个');
    expect(text).toContain('目前仍有 12 个单位进度落后');
    expect(text).toContain('本通报列出其中符合“问题类型：拒绝布线”的 2 个单位。');
    expect(text).not.toContain('67');
    expect(text).not.toContain('41');

    // one table, of the chosen problem only, with its own column name
    const tables = screen.getAllByRole('table');
    expect(tables).toHaveLength(1);
    expect(within(tables[0]).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['排名', '单位', '单位类型', '拒绝至今天数', '最近进展']);
    expect(within(tables[0]).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual([
      '1哈达铺镇人民政府（T1）乡镇122026-11-20',
      '2理川镇人民政府（T2）乡镇32026-11-20',
    ]);
    expect(document.querySelector('.bulletin__issuer')!.textContent).toBe('宕昌县人民政府办公室2026-12-01');
  });

  it('unfiltered, states the county’s totals, a heading without scope, and that a unit may count under several problems', async () => {
    serve();
    at('/laggards/bulletin');
    await renderAs(office, <BulletinPage />);
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toBe('关于政务专网接入落后单位的通报');
    const text = document.querySelector('.bulletin__summary')!.textContent!;
    expect(text).toContain('全县纳入政务专网接入工作的单位共 67 个，已完成接入并申报 14 个');
    expect(text).toContain('目前仍有 41 个单位进度落后，其中拒绝布线 3 个，布线逾期 30 个，进展停滞 12 个（同一单位可能同时存在多类问题，故各类数量之和多于落后单位数）。');
    const columns = screen.getAllByRole('table').map((table) => within(table).getAllByRole('columnheader')[3].textContent);
    expect(columns).toEqual(['拒绝至今天数', '布线逾期天数', '无进展天数']);
  });
});

describe('the laggard board', () => {
  it('says that nothing matches the filters, and which filters, when a search finds nothing', async () => {
    serve();
    at('/laggards?kind=township&q=不存在');
    await renderAs(office, <LaggardsPage />);
    const empty = await screen.findByText('没有符合筛选条件的落后单位。');
    expect(empty.parentElement!.textContent).toContain('筛选条件：单位类型：乡镇；名称或编码含“不存在”');
    expect(screen.queryByText('没有落后单位。')).toBeNull();
  });

  it('stops the as-of date picker at today and shows contacts and technicians', async () => {
    serve();
    at('/laggards');
    await renderAs(office, <LaggardsPage />);
    await screen.findAllByText('哈达铺镇人民政府');
    expect(screen.getByLabelText(/截至日期/).getAttribute('max')).toBe('2026-12-01');
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(expect.arrayContaining(['联系人', '联系电话', '负责技术员']));
    const row = screen.getAllByRole('row')[1];
    expect(row.textContent).toContain('张三');
    expect(row.textContent).toContain('0939-1234567');
    expect(row.textContent).toContain('李师傅');
    expect(row.textContent).toContain('2026-11-20 10:00');
  });
});

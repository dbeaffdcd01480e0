// @vitest-environment jsdom
// The laggard board, its files, the bulletin and the units list take the area.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { severityOf, type LaggardFlag } from '../../shared/domain/laggards.js';
import type { LaggardItem, SummaryReport } from '../../shared/schemas/reports.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import { BulletinPage } from '../../web/src/features/reports/components/BulletinPage.js';
import { LaggardsPage } from '../../web/src/features/reports/components/LaggardsPage.js';
import { UnitsPage } from '../../web/src/features/units/components/UnitsPage.js';
import { areaRoutes } from './areas-fixture.js';
import { fakeApi, office, renderAs } from './render.js';

const laggard = (code: string, name: string, area: string, flags: LaggardFlag[]): LaggardItem & { area: string } => ({
  unit: { id: code, code, name, kind: 'township', parentCode: null, contactName: null, contactPhone: null, assignee: null },
  flags,
  severity: severityOf(flags),
  maxDaysLate: Math.max(...flags.map((f) => f.daysLate)),
  lastEventAt: null,
  notices: { count: 0, lastAt: null, stepSinceLast: false },
  area,
});
const LAGGARDS = [
  laggard('621223100', '哈达铺镇人民政府', '621223', [{ category: 'refused_wiring', stage: 'wiring', daysLate: 30 }]),
  laggard('621223101', '理川镇人民政府', '621223', [{ category: 'overdue_wiring', stage: 'wiring', daysLate: 20 }]),
  laggard('621223102', '沙湾镇人民政府', '621223', [{ category: 'stalled', stage: 'connection', daysLate: 15 }]),
  laggard('621223103', '官亭镇人民政府', '621223', [{ category: 'stalled', stage: 'connection', daysLate: 14 }]),
  laggard('621202100', '安化镇人民政府', '621202', [{ category: 'stalled', stage: 'connection', daysLate: 16 }]),
].sort((a, b) => b.severity - a.severity);

const zero = { refused_wiring: 0, repeated_postponement: 0, overdue_wiring: 0, overdue_connection: 0, unregistered_after_connection: 0, stalled: 0, report_back_overdue: 0, training_absent: 0, no_backbone: 0 };
const stages = { pending: 0, in_progress: 0, blocked: 0, done: 0 };
const summary: SummaryReport = { asOf: '2026-12-01', totalUnits: 90, onboarded: 30, laggards: 5, stages: { wiring: stages, connection: stages, registration: stages }, byCategory: { ...zero, refused_wiring: 1, overdue_wiring: 1, stalled: 3, report_back_overdue: 0, training_absent: 0, no_backbone: 0 }, byKind: { township: 5, department: 0, other: 0 }, awaitingReview: 0, oldestReviewDays: null };

function serve(scope: string | null) {
  const areas = areaRoutes(scope);
  return fakeApi(({ url }) => {
    const { pathname, searchParams } = new URL(url, 'http://local');
    if (pathname === '/api/settings') return { status: 200, body: { ...DEFAULT_SETTINGS, signingOffice: '陇南市人民政府办公室' } };
    if (pathname === '/api/reports/summary') return { status: 200, body: summary };
    if (pathname === '/api/reports/laggards') {
      const area = searchParams.get('area') ?? scope ?? '';
      const all = LAGGARDS.filter((l) => l.area.startsWith(area));
      const size = Number(searchParams.get('pageSize') ?? 50);
      return { status: 200, body: { asOf: '2026-12-01', total: all.length, page: 1, pageSize: size, items: all.slice(0, size) } };
    }
    if (pathname === '/api/units') {
      const items = [
        { id: 'a', code: '621223100', name: '哈达铺镇人民政府', kind: 'township', areaCode: '621223', areaName: '宕昌县' },
        { id: 'b', code: '621202100', name: '安化镇人民政府', kind: 'township', areaCode: '621202', areaName: '武都区' },
      ].map((u) => ({ ...u, parentCode: null, contactName: null, contactPhone: null, address: null, wiringDue: null, connectionDue: null, assigneeId: null, createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z', progress: { wiring: { status: 'pending', since: null }, connection: { status: 'pending', since: null }, registration: { status: 'pending', since: null }, onboarded: false, lastEventAt: null, postponements: 0, firstPostponedAt: null } }));
      return { status: 200, body: { items, total: 2, page: 1, pageSize: 50 } };
    }
    if (pathname === '/api/users') return { status: 200, body: { items: [], total: 0, page: 1, pageSize: 50 } };
    return areas(pathname, searchParams);
  });
}

beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T04:00:00Z') }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});
const cityOffice = { ...office, scope: '6212' };

describe('the laggard board by area', () => {
  it('offers the city’s counties, and asks the report and the files for the one chosen', async () => {
    window.history.replaceState(null, '', '/laggards');
    const api = serve('6212');
    await renderAs(cityOffice, <LaggardsPage />);
    const picker = await screen.findByRole('group', { name: '地区' });
    const county = within(picker).getByLabelText('县（市、区）');
    await waitFor(() => expect(within(county).getAllByRole('option').map((o) => o.textContent)).toEqual(['全部', '武都区', '宕昌县', '礼县']));
    fireEvent.change(county, { target: { value: '621223' } });
    await waitFor(() => expect(window.location.search).toBe('?area=621223'));
    await waitFor(() => expect(api.calls.some((c) => c.url.startsWith('/api/reports/laggards?area=621223'))).toBe(true));
    expect(screen.getByRole('link', { name: '导出 CSV' }).getAttribute('href')).toBe('/api/reports/laggards.csv?area=621223');
    expect(screen.getByRole('link', { name: '导出 Excel' }).getAttribute('href')).toBe('/api/reports/laggards.xlsx?area=621223');
    expect(screen.getByRole('link', { name: '生成通报' }).getAttribute('href')).toBe('/laggards/bulletin?area=621223');
    await waitFor(() => expect(document.body.textContent).toContain('筛选条件：地区：甘肃省陇南市宕昌县'));
  });

  it('has no area picker for a county’s office', async () => {
    window.history.replaceState(null, '', '/laggards');
    serve('621223');
    await renderAs({ ...office, scope: '621223' }, <LaggardsPage />);
    await screen.findAllByText('哈达铺镇人民政府');
    expect(screen.queryByRole('group', { name: '地区' })).toBeNull();
  });
});

describe('a city’s bulletin', () => {
  it('names the city, ranks its counties and names each county’s three worst units', async () => {
    window.history.replaceState(null, '', '/laggards/bulletin');
    const api = serve('6212');
    await renderAs(cityOffice, <BulletinPage />);
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toBe('关于甘肃省陇南市政务专网接入落后单位的通报');
    expect(document.querySelector('.bulletin__summary')!.textContent).toContain('甘肃省陇南市纳入政务专网接入工作的单位共 90 个');

    const ranking = await screen.findByRole('table', { name: '各地排名' });
    expect(within(ranking).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['武都区', '宕昌县', '礼县（暂无单位）', '合计']);
    // the worst three of each county with laggards, asked of the laggard report for that county
    await waitFor(() => expect(screen.getByRole('heading', { name: /^宕昌县（落后单位 41 个/ })).toBeTruthy());
    const list = screen.getByRole('heading', { name: /^宕昌县/ }).parentElement!.querySelector('ol')!;
    await waitFor(() => expect(list.children).toHaveLength(3));
    expect(list.textContent).toContain('哈达铺镇人民政府（621223100）：拒绝布线 30 天');
    expect(list.textContent).not.toContain('官亭镇');
    expect(api.calls.some((c) => c.url === '/api/reports/laggards?area=621223&page=1&pageSize=3')).toBe(true);
    expect(api.calls.some((c) => c.url === '/api/reports/laggards?area=621202&page=1&pageSize=3')).toBe(true);
    // 礼县 has no laggards: not asked
    expect(api.calls.some((c) => c.url.includes('area=621226'))).toBe(false);
  });

  it('of a county lists its units as before, with no ranking', async () => {
    window.history.replaceState(null, '', '/laggards/bulletin?area=621223');
    serve('6212');
    await renderAs(cityOffice, <BulletinPage />);
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toBe('关于甘肃省陇南市宕昌县政务专网接入落后单位的通报');
    expect(screen.queryByRole('table', { name: '各地排名' })).toBeNull();
  });
});

describe('the units list by area', () => {
  it('shows the county column and filters by area for a city’s users', async () => {
    window.history.replaceState(null, '', '/units');
    const api = serve('6212');
    await renderAs(cityOffice, <UnitsPage />);
    await screen.findByText('哈达铺镇人民政府');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toContain('所属区县');
    expect(screen.getAllByRole('row')[1].textContent).toContain('宕昌县');
    const county = within(screen.getByRole('group', { name: '地区' })).getByLabelText('县（市、区）');
    await waitFor(() => expect(within(county).getAllByRole('option')).toHaveLength(4));
    fireEvent.change(county, { target: { value: '621202' } });
    await waitFor(() => expect(api.calls.some((c) => c.url.startsWith('/api/units?') && c.url.includes('area=621202'))).toBe(true));
    expect(screen.getByRole('link', { name: '导出 CSV' }).getAttribute('href')).toContain('area=621202');
  });

  it('has no county column for a county’s users', async () => {
    window.history.replaceState(null, '', '/units');
    serve('621223');
    await renderAs({ ...office, scope: '621223' }, <UnitsPage />);
    await screen.findByText('哈达铺镇人民政府');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).not.toContain('所属区县');
  });
});

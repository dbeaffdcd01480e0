// @vitest-environment jsdom
// The overview opens on the user's scope with its children side by side, drills down on a click
// and climbs back up by the breadcrumb, never above the user's own scope.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import { OverviewPage } from '../../web/src/features/reports/components/OverviewPage.js';
import { areaRoutes, row } from './areas-fixture.js';
import { fakeApi, office, renderAs } from './render.js';

const summary = { asOf: '2026-12-01', totalUnits: 90, onboarded: 30, laggards: 20, stages: { wiring: { pending: 0, in_progress: 0, blocked: 0, done: 40 }, connection: { pending: 0, in_progress: 0, blocked: 0, done: 35 }, registration: { pending: 0, in_progress: 0, blocked: 0, done: 30 } }, byCategory: { refused_wiring: 3, repeated_postponement: 0, overdue_wiring: 30, overdue_connection: 0, unregistered_after_connection: 0, stalled: 2, no_backbone: 0, training_absent: 0, report_back_overdue: 0 }, byKind: { township: 10, department: 10, other: 0 }, awaitingReview: 0, oldestReviewDays: null };

function serve(scope: string | null, rollups?: Parameters<typeof areaRoutes>[1]) {
  const areas = areaRoutes(scope, rollups);
  return fakeApi(({ url }) => {
    const { pathname, searchParams } = new URL(url, 'http://local');
    if (pathname === '/api/settings') return { status: 200, body: DEFAULT_SETTINGS };
    if (pathname === '/api/reports/summary') return { status: 200, body: summary };
    if (pathname === '/api/reports/trend') return { status: 200, body: { from: '2026-11-02', to: '2026-12-01', totalUnits: 90, items: [] } };
    if (pathname === '/api/reports/reasons') return { status: 200, body: { asOf: '2026-12-01', items: [] } };
    return areas(pathname, searchParams);
  });
}

const rollupParents = (calls: { url: string }[]) =>
  calls.filter((c) => c.url.startsWith('/api/reports/areas')).map((c) => new URL(c.url, 'http://local').searchParams.get('parent'));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T04:00:00Z') });
  window.history.replaceState(null, '', '/overview');
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const cityOffice = { ...office, scope: '6212' };

describe('the overview by area', () => {
  it('opens on a city office’s city, its counties ranked side by side, an empty county said so', async () => {
    const api = serve('6212');
    await renderAs(cityOffice, <OverviewPage />);
    const table = await screen.findByRole('table', { name: '甘肃省陇南市各地完成情况' });
    expect(screen.getByRole('heading', { name: '各地完成率' })).toBeDefined();
    expect(rollupParents(api.calls)).toEqual(['6212']);
    const rows = within(table).getAllByRole('row').slice(1);
    // ranked as the server ranks: 武都区 (rank 1) above 宕昌县 (rank 2); 礼县 has no units
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['武都区', '宕昌县', '礼县（暂无单位）']);
    expect(rows[0].textContent).toContain('69.6%');
    expect(rows[1].textContent).toContain('拒绝布线 3，布线逾期 30');
    expect(within(rows[2]).queryByRole('button')).toBeNull();
    expect(screen.getByText(/^排名规则：/).textContent).toBe('排名规则：有单位的在前；完成率高者在前；落后单位占单位数的比例低者在前；再相同时按代码排列。全部完成且没有落后单位的排第一，暂无单位的排在最后。');
    // the breadcrumb starts at the office's own city: nothing above it to climb to
    const crumbs = screen.getByRole('navigation', { name: '所在地区' });
    expect(crumbs.textContent).toBe('陇南市');
    expect(within(crumbs).queryByRole('button')).toBeNull();
  });

  it('drills into a county on a click, and the breadcrumb goes back up to the city', async () => {
    const api = serve('6212');
    await renderAs(cityOffice, <OverviewPage />);
    const table = await screen.findByRole('table', { name: '甘肃省陇南市各地完成情况' });
    fireEvent.click(within(table).getByRole('button', { name: '宕昌县' }));
    await waitFor(() => expect(window.location.search).toBe('?area=621223'));

    // the next level: the county's units by kind, and the summary of the county
    const county = await screen.findByRole('table', { name: '甘肃省陇南市宕昌县各类单位完成情况' });
    expect(rollupParents(api.calls)).toEqual(['6212', '621223']);
    expect(within(county).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['部门', '乡镇']);
    expect(screen.getByRole('heading', { name: '各类单位完成率' })).toBeDefined();
    expect(within(county).getAllByRole('columnheader')[1].textContent).toBe('单位类型');
    await waitFor(() => expect(api.calls.some((c) => c.url === '/api/reports/summary?area=621223')).toBe(true));

    const crumbs = screen.getByRole('navigation', { name: '所在地区' });
    expect(within(crumbs).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['陇南市', '宕昌县']);
    fireEvent.click(within(crumbs).getByRole('button', { name: '陇南市' }));
    await waitFor(() => expect(window.location.search).toBe(''));
    await screen.findByRole('table', { name: '甘肃省陇南市各地完成情况' });
  });

  it('from the whole installation, climbs from a county to everywhere', async () => {
    window.history.replaceState(null, '', '/overview?area=621223');
    serve(null);
    await renderAs(office, <OverviewPage />);
    await screen.findByRole('table', { name: '甘肃省陇南市宕昌县各类单位完成情况' });
    const crumbs = screen.getByRole('navigation', { name: '所在地区' });
    expect(within(crumbs).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['全部地区', '甘肃省', '陇南市', '宕昌县']);
    fireEvent.click(within(crumbs).getByRole('button', { name: '甘肃省' }));
    await waitFor(() => expect(window.location.search).toBe('?area=62'));
  });

  it('says so when the address names an area outside the scope', async () => {
    window.history.replaceState(null, '', '/overview?area=6201');
    serve('6212');
    await renderAs(cityOffice, <OverviewPage />);
    await screen.findByText('该地区不在您的管辖范围内，或不存在。');
    fireEvent.click(screen.getByRole('button', { name: '回到本辖区' }));
    await waitFor(() => expect(window.location.search).toBe(''));
  });

  it('looks as it does today in an installation whose units are all unplaced', async () => {
    const api = serve(null, { '': [row('unplaced', '', 'unplaced', 90, 30, 20, 1)] });
    await renderAs(office, <OverviewPage />);
    await screen.findByText('三个环节完成情况');
    await waitFor(() => expect(rollupParents(api.calls)).toEqual([null]));
    expect(screen.queryByRole('navigation', { name: '所在地区' })).toBeNull();
    expect(screen.queryByText(/各地完成情况/)).toBeNull();
  });
});

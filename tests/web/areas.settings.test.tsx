// @vitest-environment jsdom
// The settings page for an area: each deadline in force and where it comes from, the area's own
// value editable, "继承" clears it, and a save sends null for what is inherited.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import { SettingsPage } from '../../web/src/features/settings/components/SettingsPage.js';
import { areaRoutes } from './areas-fixture.js';
import { fakeApi, office, renderAs } from './render.js';

// 宕昌县 sets its own wiring date; 陇南市 its stall days; the rest are the installation's
const EFFECTIVE = {
  ...DEFAULT_SETTINGS,
  wiringDue: '2026-10-31',
  connectionDue: null,
  stallDays: 10,
  sources: { wiringDue: '621223', connectionDue: null, registrationGraceDays: null, stallDays: '6212', postponementLimit: null },
};

function serve(scope: string | null) {
  const areas = areaRoutes(scope);
  return fakeApi(({ method, url }) => {
    const { pathname, searchParams } = new URL(url, 'http://local');
    if (pathname === '/api/settings' && method === 'GET') {
      const area = searchParams.get('area');
      if (area === '621223') return { status: 200, body: EFFECTIVE };
      if (area === null) return { status: 200, body: { ...DEFAULT_SETTINGS, homeArea: null } };
      return { status: 200, body: { ...DEFAULT_SETTINGS, sources: {} } };
    }
    if (pathname === '/api/settings' && method === 'PUT') return { status: 200, body: EFFECTIVE };
    return areas(pathname, searchParams);
  });
}

beforeEach(() => window.history.replaceState(null, '', '/settings'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('the settings of an area', () => {
  it('says where each value comes from, and saves the own values with null for the inherited ones', async () => {
    const api = serve('6212');
    window.history.replaceState(null, '', '/settings?area=621223');
    await renderAs({ ...office, scope: '6212' }, <SettingsPage />);

    await waitFor(() => expect(screen.getByTestId('source-stallDays').textContent).toBe('当前生效：10 · 继承自 陇南市'));
    expect(screen.getByTestId('source-wiringDue').textContent).toBe('当前生效：2026-10-31 · 本县设置');
    expect(screen.getByTestId('source-connectionDue').textContent).toBe('当前生效：未设置 · 全局默认');
    expect(screen.getByTestId('source-postponementLimit').textContent).toBe('当前生效：2 · 全局默认');
    // the own value is in the box; an inherited one is not
    expect((screen.getByLabelText('布线截止日期') as HTMLInputElement).value).toBe('2026-10-31');
    expect((screen.getByLabelText('停滞天数', { exact: false }) as HTMLInputElement).value).toBe('');

    // the county sets its own stall days and clears its wiring date: it inherits it again
    fireEvent.change(screen.getByLabelText('停滞天数', { exact: false }), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: '继承布线截止日期' }));
    expect((screen.getByLabelText('布线截止日期') as HTMLInputElement).value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    await waitFor(() => expect(api.calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = api.calls.find((c) => c.method === 'PUT')!;
    expect(put.url).toBe('/api/settings?area=621223');
    expect(put.body).toEqual({ wiringDue: null, connectionDue: null, registrationGraceDays: null, stallDays: 5, postponementLimit: null, backdateDays: null, reviewDays: null, lateJoinWiringDays: null, lateJoinConnectionDays: null, backboneDue: null, reportBackDays: null, scoreGreen: null, scoreYellow: null });
  });

  it('offers a city office its own counties only, and starts on its own city', async () => {
    const api = serve('6212');
    await renderAs({ ...office, scope: '6212' }, <SettingsPage />);
    const picker = await screen.findByRole('group', { name: '设置适用的地区' });
    const county = await within(picker).findByLabelText('县（市、区）');
    await waitFor(() => expect(within(county).getAllByRole('option').map((o) => o.textContent)).toEqual(['全部', '武都区', '宕昌县', '礼县']));
    // no province or city select above its own city, and no installation defaults
    expect(within(picker).queryByLabelText('省（区、市）')).toBeNull();
    expect(within(picker).queryByLabelText('市（州）')).toBeNull();
    await waitFor(() => expect(api.calls.some((c) => c.url === '/api/settings?area=6212')).toBe(true));
    expect(api.calls.some((c) => c.url === '/api/settings')).toBe(false);
    fireEvent.change(county, { target: { value: '621223' } });
    await waitFor(() => expect(window.location.search).toBe('?area=621223'));
  });

  it('edits the installation defaults and its home area for a whole-installation office', async () => {
    const api = serve(null);
    await renderAs(office, <SettingsPage />);
    const home = await screen.findByRole('group', { name: '本系统所在地区' });
    const province = await within(home).findByLabelText('省（区、市）');
    await waitFor(() => expect(within(province).getAllByRole('option').length).toBeGreaterThan(1));
    fireEvent.change(province, { target: { value: '62' } });
    const city = await within(home).findByLabelText('市（州）');
    await waitFor(() => expect(within(city).getAllByRole('option').length).toBe(3));
    fireEvent.change(city, { target: { value: '6212' } });
    const county = await within(home).findByLabelText('县（市、区）');
    await waitFor(() => expect(within(county).getAllByRole('option').length).toBe(4));
    // a unit goes to a county: a city is not a home area
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(within(home).getByRole('alert').textContent).toBe('请选到县（市、区）一级');
    expect(api.calls.some((c) => c.method === 'PUT')).toBe(false);
    fireEvent.change(county, { target: { value: '621223' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = api.calls.find((c) => c.method === 'PUT')!;
    expect(put.url).toBe('/api/settings');
    expect(put.body).toMatchObject({ timezone: 'Asia/Shanghai', homeArea: '621223' });
  });
});

// @vitest-environment jsdom
// A new user's scope is picked inside the creating office's own scope, defaults to it, and the
// list shows each user's scope.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreateUserForm } from '../../web/src/features/users/components/CreateUserForm.js';
import { UsersPage } from '../../web/src/features/users/components/UsersPage.js';
import { areaRoutes } from './areas-fixture.js';
import { fakeApi, office, renderAs } from './render.js';

function serve(scope: string | null) {
  const areas = areaRoutes(scope);
  return fakeApi(({ method, url, body }) => {
    const { pathname, searchParams } = new URL(url, 'http://local');
    if (pathname === '/api/users' && method === 'POST') return { status: 201, body: { user: { id: 'u9', disabled: false, createdAt: '2026-12-01T00:00:00Z', unitId: null, ...(body as object) } } };
    if (pathname.startsWith('/api/users/') && method === 'PATCH') return { status: 200, body: { user: { id: 'u2', username: 'tc', displayName: '县办', role: 'viewer', unitId: null, disabled: false, createdAt: '2026-11-01T00:00:00Z', ...(body as object) } } };
    if (pathname === '/api/users') {
      const items = [
        { id: 'u1', username: 'city', displayName: '市办', role: 'office', unitId: null, scope: '6212', disabled: false, createdAt: '2026-11-01T00:00:00Z' },
        { id: 'u2', username: 'tc', displayName: '县办', role: 'viewer', unitId: null, scope: '621223', disabled: false, createdAt: '2026-11-01T00:00:00Z' },
      ];
      return { status: 200, body: { items, total: 2, page: 1, pageSize: 50 } };
    }
    return areas(pathname, searchParams);
  });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const fill = () => {
  fireEvent.change(screen.getByLabelText(/^用户名/), { target: { value: 'wudu' } });
  fireEvent.change(screen.getByLabelText(/^姓名/), { target: { value: '武都区办' } });
  fireEvent.change(screen.getByLabelText(/^初始密码/), { target: { value: 'secret-pass-1' } });
};
const posted = (calls: { method: string; body: unknown }[]) => calls.find((c) => c.method === 'POST')?.body as Record<string, unknown> | undefined;

describe('the scope of a new user', () => {
  it('is picked among a city office’s own counties, nothing above its city offered', async () => {
    const api = serve('6212');
    await renderAs({ ...office, scope: '6212' }, <CreateUserForm />);
    const picker = screen.getByRole('group', { name: '管辖范围' });
    await waitFor(() => expect(picker.textContent).toContain('甘肃省 › 陇南市'));
    expect(within(picker).queryByLabelText('省（区、市）')).toBeNull();
    expect(within(picker).queryByLabelText('市（州）')).toBeNull();
    const county = within(picker).getByLabelText('县（市、区）');
    await waitFor(() => expect(within(county).getAllByRole('option').map((o) => o.textContent)).toEqual(['与我相同', '武都区', '宕昌县', '礼县']));
    // the areas asked for were its city's children only
    expect(api.calls.filter((c) => c.url.startsWith('/api/areas?')).map((c) => c.url)).toEqual(['/api/areas?parent=6212']);

    fill();
    fireEvent.change(screen.getByLabelText(/^角色/), { target: { value: 'office' } });
    fireEvent.change(county, { target: { value: '621202' } });
    fireEvent.click(screen.getByRole('button', { name: '新建用户' }));
    await waitFor(() => expect(posted(api.calls)).toMatchObject({ username: 'wudu', role: 'office', scope: '621202' }));
  });

  it('defaults to the creating office’s own scope', async () => {
    const api = serve('621223');
    await renderAs({ ...office, scope: '621223' }, <CreateUserForm />);
    const picker = screen.getByRole('group', { name: '管辖范围' });
    await waitFor(() => expect(picker.textContent).toContain('甘肃省 › 陇南市 › 宕昌县'));
    // a county office has nothing narrower to pick
    expect(within(picker).queryByRole('combobox')).toBeNull();
    fill();
    fireEvent.click(screen.getByRole('button', { name: '新建用户' }));
    await waitFor(() => expect(posted(api.calls)).toMatchObject({ role: 'technician', scope: '621223' }));
  });

  it('is not asked of a unit contact', async () => {
    serve(null);
    await renderAs(office, <CreateUserForm />);
    expect(screen.getByRole('group', { name: '管辖范围' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^角色/), { target: { value: 'unit' } });
    expect(screen.queryByRole('group', { name: '管辖范围' })).toBeNull();
  });

  it('is shown in the list by name', async () => {
    serve(null);
    await renderAs(office, <UsersPage />);
    await waitFor(() => expect(screen.getAllByRole('row')[1].textContent).toContain('甘肃省陇南市'));
    expect(screen.getAllByRole('row')[2].textContent).toContain('甘肃省陇南市宕昌县');
  });

  it('is changed inside the office’s own scope', async () => {
    const api = serve('6212');
    await renderAs({ ...office, scope: '6212' }, <UsersPage />);
    fireEvent.click(await screen.findByRole('button', { name: '修改范围tc' }));
    const dialog = screen.getByRole('dialog');
    const county = within(dialog).getByLabelText('县（市、区）') as HTMLSelectElement;
    await waitFor(() => expect(within(county).getAllByRole('option')).toHaveLength(4));
    expect(county.value).toBe('621223');
    fireEvent.change(county, { target: { value: '621202' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.calls.find((c) => c.method === 'PATCH')).toMatchObject({ url: '/api/users/u2', body: { scope: '621202' } }));
  });
});

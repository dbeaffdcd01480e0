// @vitest-environment jsdom
// The unit form's county: filled from a township's 9-digit code as the server fills it, and said
// so; limited to the user's scope; a county office's own county by default.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UnitFormPage } from '../../web/src/features/units/components/admin/UnitFormPage.js';
import { areaRoutes } from './areas-fixture.js';
import { fakeApi, office, renderAs } from './render.js';

function serve(scope: string | null) {
  const areas = areaRoutes(scope);
  return fakeApi(({ method, url, body }) => {
    const { pathname, searchParams } = new URL(url, 'http://local');
    if (pathname === '/api/units' && method === 'POST') return { status: 201, body: { unit: { id: 'new-unit', ...(body as object) } } };
    return areas(pathname, searchParams);
  });
}
const posted = (calls: { method: string; body: unknown }[]) => calls.find((c) => c.method === 'POST')?.body as Record<string, unknown> | undefined;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('the unit form’s county', () => {
  it('is filled from a township’s code and says so, and is sent', async () => {
    const api = serve('6212');
    await renderAs({ ...office, scope: '6212' }, <UnitFormPage />);
    const group = screen.getByRole('group', { name: '所属区县' });
    const county = within(group).getByLabelText('县（市、区）') as HTMLSelectElement;
    await waitFor(() => expect(within(county).getAllByRole('option')).toHaveLength(4));
    expect(county.value).toBe('');

    fireEvent.change(screen.getByLabelText(/^编码/), { target: { value: '621223100' } });
    expect(county.value).toBe('621223');
    await waitFor(() => expect(group.textContent).toContain('已根据乡镇代码 621223100 自动填为 宕昌县（可修改）'));

    fireEvent.change(screen.getByLabelText(/^名称/), { target: { value: '哈达铺镇人民政府' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(posted(api.calls)).toMatchObject({ code: '621223100', areaCode: '621223' }));
  });

  it('is not filled from a code outside the user’s scope, nor from a department’s code', async () => {
    serve('6212');
    await renderAs({ ...office, scope: '6212' }, <UnitFormPage />);
    const county = within(screen.getByRole('group', { name: '所属区县' })).getByLabelText('县（市、区）') as HTMLSelectElement;
    await waitFor(() => expect(within(county).getAllByRole('option')).toHaveLength(4));
    fireEvent.change(screen.getByLabelText(/^编码/), { target: { value: '620102001' } });
    expect(county.value).toBe('');
    fireEvent.change(screen.getByLabelText(/^编码/), { target: { value: 'JYJ01' } });
    expect(county.value).toBe('');
  });

  it('is filled only from a township’s code naming a county in the list, and is asked for before sending', async () => {
    const api = serve('6212');
    await renderAs({ ...office, scope: '6212' }, <UnitFormPage />);
    const group = screen.getByRole('group', { name: '所属区县' });
    const county = within(group).getByLabelText('县（市、区）') as HTMLSelectElement;
    await waitFor(() => expect(within(county).getAllByRole('option')).toHaveLength(4));
    // 621200 is the city's own digits, no county
    fireEvent.change(screen.getByLabelText(/^编码/), { target: { value: '621200901' } });
    expect(county.value).toBe('');
    expect(group.textContent).not.toContain('自动填为');
    // a real county's digits, but the unit is a department
    fireEvent.change(screen.getByLabelText(/^类型/), { target: { value: 'department' } });
    fireEvent.change(screen.getByLabelText(/^编码/), { target: { value: '621223901' } });
    expect(county.value).toBe('');
    expect(group.textContent).not.toContain('自动填为');

    fireEvent.change(screen.getByLabelText(/^名称/), { target: { value: '市教育局' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(within(group).getByRole('alert').textContent).toBe('请选择所属县（市、区）'));
    expect(posted(api.calls)).toBeUndefined();
  });

  it('is a county office’s own county, with nothing else to pick', async () => {
    const api = serve('621223');
    await renderAs({ ...office, scope: '621223' }, <UnitFormPage />);
    const group = screen.getByRole('group', { name: '所属区县' });
    await waitFor(() => expect(group.textContent).toContain('宕昌县'));
    expect(within(group).queryByRole('combobox')).toBeNull();
    fireEvent.change(screen.getByLabelText(/^编码/), { target: { value: 'JYJ01' } });
    fireEvent.change(screen.getByLabelText(/^名称/), { target: { value: '县教育局' } });
    fireEvent.change(screen.getByLabelText(/^类型/), { target: { value: 'department' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(posted(api.calls)).toMatchObject({ code: 'JYJ01', kind: 'department', areaCode: '621223' }));
  });

  it('sends no county where none was chosen, as before areas', async () => {
    const api = serve(null);
    await renderAs(office, <UnitFormPage />);
    fireEvent.change(screen.getByLabelText(/^编码/), { target: { value: 'A01' } });
    fireEvent.change(screen.getByLabelText(/^名称/), { target: { value: '某单位' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(posted(api.calls)).toBeDefined());
    expect(posted(api.calls)).not.toHaveProperty('areaCode');
  });
});

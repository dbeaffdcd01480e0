// @vitest-environment jsdom
// The bulletin's signing office (落款单位) is set on the settings page, with the other settings.
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import { SettingsPage } from '../../web/src/features/settings/components/SettingsPage.js';
import { fakeApi, office, renderAs } from './render.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the signing office setting', () => {
  it('shows the stored office and saves a new one with the other settings', async () => {
    const api = fakeApi(({ method, url, body }) => {
      if (url !== '/api/settings') return undefined;
      return method === 'PUT' ? { status: 200, body } : { status: 200, body: DEFAULT_SETTINGS };
    });
    await renderAs(office, <SettingsPage />);
    const box = await screen.findByLabelText(/落款单位/);
    expect((box as HTMLInputElement).value).toBe('县人民政府办公室');
    await userEvent.clear(box);
    await userEvent.type(box, ' 宕昌县人民政府办公室 ');
    await userEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = api.calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toMatchObject({ ...DEFAULT_SETTINGS, signingOffice: '宕昌县人民政府办公室' });
  });

  it('says what is wrong with an empty one, and sends nothing', async () => {
    const api = fakeApi(({ url }) => (url === '/api/settings' ? { status: 200, body: DEFAULT_SETTINGS } : undefined));
    await renderAs(office, <SettingsPage />);
    await userEvent.clear(await screen.findByLabelText(/落款单位/));
    await userEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(document.querySelector('.field--error')).not.toBeNull());
    expect(api.calls.some((c) => c.method === 'PUT')).toBe(false);
  });
});

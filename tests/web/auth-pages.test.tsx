// @vitest-environment jsdom
// The login page's lockout message and the page where anyone changes their own password.
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoginPage } from '../../web/src/features/auth/components/LoginPage.js';
import { ChangePasswordPage } from '../../web/src/features/auth/components/ChangePasswordPage.js';
import { fakeApi, renderAs, unitUser } from './render.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the login page', () => {
  it('says how many minutes a lockout lasts', async () => {
    fakeApi(({ url }) =>
      url === '/api/auth/login' ? { status: 429, body: { error: { code: 'RATE_LIMITED', message: 'too many', details: { retryAfter: 14 * 60 + 5 } } } } : undefined,
    );
    await renderAs(unitUser('u1'), <LoginPage />);
    await userEvent.type(screen.getByLabelText(/用户名/), 'zhang');
    await userEvent.type(screen.getByLabelText(/^密码/), 'whatever1');
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    expect((await screen.findByRole('alert')).textContent).toContain('请 15 分钟后再试');
  });
});

describe('changing one’s own password', () => {
  const fill = async (current: string, next: string, repeat = next) => {
    if (current) await userEvent.type(screen.getByLabelText(/当前密码/), current);
    await userEvent.type(screen.getByLabelText(/^新密码/), next);
    await userEvent.type(screen.getByLabelText(/再次输入新密码/), repeat);
    await userEvent.click(screen.getByRole('button', { name: '修改密码' }));
  };

  it('sends the current and the new password and says that other logins ended', async () => {
    const api = fakeApi(({ url }) => (url === '/api/auth/password' ? { status: 204 } : undefined));
    await renderAs(unitUser('u1'), <ChangePasswordPage />);
    await fill('old password', 'new password 1');
    expect((await screen.findByRole('status')).textContent).toContain('其他设备上的登录已退出');
    expect(api.calls).toEqual([{ method: 'POST', url: '/api/auth/password', body: { currentPassword: 'old password', newPassword: 'new password 1' } }]);
  });

  it('checks the repeat and the length before sending anything', async () => {
    const api = fakeApi(() => undefined);
    await renderAs(unitUser('u1'), <ChangePasswordPage />);
    await fill('old password', 'short', 'short');
    expect(screen.getByText('至少 8 个字符', { selector: '.field__error' })).toBeTruthy();
    await userEvent.clear(screen.getByLabelText(/当前密码/));
    await userEvent.clear(screen.getByLabelText(/^新密码/));
    await userEvent.clear(screen.getByLabelText(/再次输入新密码/));
    await fill('', 'new password 1', 'new password 2');
    expect(screen.getByText('两次输入的新密码不一致')).toBeTruthy();
    expect(screen.getByText('请输入当前密码')).toBeTruthy();
    expect(api.calls).toEqual([]);
  });

  it('puts a wrong current password under its field', async () => {
    fakeApi(({ url }) =>
      url === '/api/auth/password'
        ? { status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'no', details: [{ field: 'currentPassword', message: 'is not your current password' }] } } }
        : undefined,
    );
    await renderAs(unitUser('u1'), <ChangePasswordPage />);
    await fill('wrong one', 'new password 1');
    expect(await screen.findByText('当前密码不正确')).toBeTruthy();
  });
});

import { describe, expect, it } from 'vitest';
import { ADMIN, logIn, useStage } from './harness.js';

const stage = useStage();

describe('the dashboard', () => {
  it('serves the login page, logs the office in and shows who is logged in', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await expect.poll(() => page.getByText('政府办管理员').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await stage.browser.shot('smoke-after-login');
    expect(stage.browser.errors).toEqual([]);
  });

  it('runs under its Content Security Policy', async () => {
    const res = await fetch(`${stage.server.url}/`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(stage.browser.errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });
});

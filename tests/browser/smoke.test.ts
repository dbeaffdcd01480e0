import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, logIn, openBrowser, startServer, type Browser, type Server } from './harness.js';

let server: Server;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the dashboard', () => {
  it('serves the login page, logs the office in and shows who is logged in', async () => {
    const { page } = browser;
    await logIn(page, server.url, ADMIN.username, ADMIN.password);
    await expect.poll(() => page.getByText('政府办管理员').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await browser.shot('smoke-after-login');
    expect(browser.errors).toEqual([]);
  });

  it('runs under its Content Security Policy', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(browser.errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });
});

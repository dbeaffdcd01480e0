// Live views: a unit page open in a browser follows steps recorded elsewhere, without a reload.
import { describe, expect, it } from 'vitest';
import { ADMIN, apiAs, logIn, useStage } from './harness.js';

const stage = useStage();

describe('live updates', () => {
  it('changes an open unit page when a step is recorded through the API', async () => {
    const { office } = stage;
    await office.post('/api/users', { username: 'tech-wang', displayName: '王师傅', role: 'technician', password: 'tech-pass-123' });
    const tech = await apiAs(stage.server.url, 'tech-wang', 'tech-pass-123');
    const { unit } = await office.post('/api/units', { code: 'LIVE-1', name: '县教育局', kind: 'department' });

    const { page } = stage.browser;
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await expect.poll(() => page.getByText('政府办管理员').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await page.goto(`${stage.server.url}/units/${unit.id}`);
    const wiring = page.locator('li.stage', { has: page.getByRole('heading', { name: /布线/ }) });
    await expect.poll(() => wiring.textContent(), { timeout: 15_000 }).toContain('未开始');
    // the page holds its live connection before the step is made
    await new Promise((r) => setTimeout(r, 500));

    // a mark on the page: still there after the update, so the page changed live, not by a reload
    await page.evaluate(() => Object.assign(window, { __notReloaded: true }));
    await tech.post(`/api/units/${unit.id}/events`, { type: 'wiring.started' });
    await expect.poll(() => wiring.textContent(), { timeout: 15_000, interval: 100 }).toContain('进行中');
    expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
    await stage.browser.shot('live-unit-page');
    await expect.poll(() => page.locator('.timeline').getByText(/王师傅/).isVisible()).toBe(true);

    await tech.post(`/api/units/${unit.id}/events`, { type: 'wiring.completed' });
    await expect.poll(() => wiring.textContent(), { timeout: 5_000, interval: 100 }).toContain('已完成');
    expect(stage.browser.errors).toEqual([]);
  });
});

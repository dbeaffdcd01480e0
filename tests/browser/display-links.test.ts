// The office's display-link page (issue 26, 5): made on the page with an expiry, shown once with a
// warning, opened by a wall display at 1920 × 1080, revoked on the page after a confirmation, and
// the wall goes blank.
import { describe, expect, it } from 'vitest';
import { ADMIN, checkEachPage, logIn, openBrowser, seedSteps, seedUnit, useStage } from './harness.js';

const stage = useStage({ width: 1366, height: 860 });
checkEachPage(() => stage.browser);

describe('the display-link page', () => {
  it('makes a link shown once, the wall shows data, revoking on the page clears the wall', async () => {
    const { page } = stage.browser;
    const unit = await seedUnit(stage.office, '大屏链接演示乡人民政府', { areaCode: '621223' });
    await seedSteps(stage.office, unit.id, [{ type: 'wiring.started' }]);
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '大屏链接' }).click();
    await page.getByRole('heading', { level: 1, name: '会议大屏链接' }).waitFor();
    // honest empty state before any link exists
    await page.getByText('还没有大屏链接').waitFor();

    await page.getByRole('button', { name: '生成大屏链接' }).click();
    await page.getByLabel('名称').fill('县会议室');
    // the screen shows 宕昌县, an area inside the office's scope, chosen level by level
    const province = page.getByLabel('省（区、市）', { exact: true });
    if (await province.count()) await province.selectOption('62');
    await page.getByLabel('市（州）', { exact: true }).selectOption('6212');
    await page.getByLabel('县（市、区）', { exact: true }).selectOption('621223');
    await page.getByLabel('有效期').selectOption('7');
    await page.getByRole('button', { name: '生成链接' }).click();
    const shown = page.getByRole('region', { name: '新的大屏链接' });
    await shown.getByRole('alert').filter({ hasText: '只显示这一次' }).waitFor();
    const url = await shown.getByRole('textbox').inputValue();
    expect(url).toMatch(new RegExp(`^${stage.server.url}/screen#.{20,}`));
    const token = url.slice(url.indexOf('#') + 1);

    // listed with its label, scope, a 7-day expiry and as active
    const row = page.getByRole('row').filter({ hasText: '县会议室' });
    await row.getByText('有效').waitFor();
    await row.getByText('宕昌县').waitFor();
    const [made] = (await stage.office.get('/api/display-links')).items as { createdAt: string; expiresAt: string }[];
    // the server stamps the two a moment apart
    expect(Math.abs(Date.parse(made.expiresAt) - Date.parse(made.createdAt) - 7 * 86_400_000)).toBeLessThan(5000);
    await stage.browser.shot('display-links-1366');

    const wall = await openBrowser({ width: 1920, height: 1080 });
    const phone = await openBrowser({ width: 360, height: 740 });
    try {
      await wall.page.goto(url);
      await wall.page.getByTestId('screen-rate').waitFor();
      expect(await wall.page.getByRole('heading', { level: 1 }).textContent()).toContain('宕昌县');
      expect(await wall.page.getByTestId('screen-recent').textContent()).toContain('大屏链接演示乡人民政府');

      await logIn(phone.page, stage.server.url, ADMIN.username, ADMIN.password);
      await phone.page.goto(`${stage.server.url}/display-links`);
      await phone.page.getByRole('row').filter({ hasText: '县会议室' }).waitFor();
      const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(360);
      await phone.shot('display-links-360');
      // shown once: another visit to the page lists the link but not its token
      expect(await phone.page.content()).not.toContain(token);
      await phone.page.getByRole('button', { name: '生成大屏链接' }).click();
      await phone.page.getByLabel('名称').waitFor();
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await phone.shot('display-links-form-360');
      await phone.page.getByRole('button', { name: '取消' }).click();

      await page.getByRole('button', { name: '我已保存，关闭' }).click();
      expect(await page.content()).not.toContain(token);
      await row.getByRole('button', { name: '撤销 县会议室' }).click();
      const dialog = page.getByRole('dialog', { name: '撤销大屏链接：县会议室' });
      await dialog.getByRole('button', { name: '确认撤销' }).click();
      await dialog.waitFor({ state: 'detached' });
      await row.getByText('已撤销').waitFor();
      expect(await row.getByRole('button', { name: /撤销/ }).count()).toBe(0);

      await expect.poll(() => wall.page.getByRole('alert').textContent(), { timeout: 70_000, interval: 500 }).toContain('已被撤销');
      expect(await wall.page.getByTestId('screen-rate').count()).toBe(0);
      // the 401 that the revocation answers is the answer the test provokes
      expect(wall.errors.filter((e) => !/401/.test(e))).toEqual([]);
      expect(phone.errors).toEqual([]);
    } finally {
      await wall.close();
      await phone.close();
    }
  }, 120_000);
});

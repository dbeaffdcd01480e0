// One's own account: any role changes its own password from the header, and a locked-out login
// says how long to wait.
import { describe, expect, it } from 'vitest';
import { checkEachPage, logIn, logOut, openBrowser, seedUnit, seedUser, type SeededUser, useStage } from './harness.js';

let contact: SeededUser;

const stage = useStage({
  width: 1366,
  prepare: async ({ office }) => {
    const unit = await seedUnit(office, '城关镇人民政府', { kind: 'township' });
    contact = await seedUser(office, 'unit', '城关镇 张联络员', unit.id);
  },
});
checkEachPage(() => stage.browser);

describe('one’s own account', () => {
  it('a unit contact changes its own password from the header, then logs in with the new one', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, contact.username, contact.password);
    await page.getByRole('link', { name: '修改密码' }).click();
    await page.getByRole('heading', { name: '修改密码', level: 1 }).waitFor();
    await page.getByLabel('当前密码').fill(contact.password);
    await page.getByLabel('新密码', { exact: false }).first().fill('a-new-pass-456');
    await page.getByLabel('再次输入新密码').fill('a-new-pass-456');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('status').filter({ hasText: '密码已修改' }).waitFor();
    await stage.browser.shot('account-password-1366');
    await logOut(page);
    await logIn(page, stage.server.url, contact.username, 'a-new-pass-456');
    await logOut(page);
    contact.password = 'a-new-pass-456';
  });

  it('after too many wrong passwords the login page says how many minutes to wait', async () => {
    const { page } = stage.browser;
    await page.goto(`${stage.server.url}/`);
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('用户名').fill(contact.username);
      await page.getByLabel('密码').fill(`wrong password ${i}`);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    }
    await page.getByLabel('密码').fill(contact.password);
    await page.getByRole('button', { name: '登录' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '分钟后再试' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/请 1[45] 分钟后再试/);
    await stage.browser.shot('login-lockout-1366');
    // the 429 the test provoked on purpose is an answer, not a fault of the page
    const errors = stage.browser.errors.splice(0);
    stage.browser.errors.push(...errors.filter((e) => !/status of 429/.test(e)));
  });

  it('the password page on a phone, 360 px wide', async () => {
    const phone = await openBrowser({ width: 360, height: 740 });
    try {
      const viewer = await seedUser(stage.office, 'viewer', '分管副县长');
      await logIn(phone.page, stage.server.url, viewer.username, viewer.password);
      await phone.page.goto(`${stage.server.url}/account/password`);
      await phone.page.getByLabel('当前密码').fill('not the password');
      await phone.page.getByLabel('新密码', { exact: false }).first().fill('a-new-pass-789');
      await phone.page.getByLabel('再次输入新密码').fill('a-new-pass-789');
      await phone.page.getByRole('button', { name: '修改密码' }).click();
      await phone.page.getByText('当前密码不正确').waitFor();
      await phone.shot('account-password-360');
      expect(phone.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});

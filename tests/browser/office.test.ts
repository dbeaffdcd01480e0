// The government office (政府办): finds units, undoes a mistaken step, manages accounts.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, checkEachPage, apiAs, logIn, logOut, seedSteps, seedUnit, signedInAs, uniqueCode, useStage } from './harness.js';

const stage = useStage();
checkEachPage(() => stage.browser);

const nav = (page: Page) => page.getByRole('navigation', { name: '主导航' });
const wiringCard = (page: Page) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '布线', level: 3 }) });

describe('the office', () => {
  it('logs in, sees who they are and every page, and logs out', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await signedInAs(page, '政府办管理员', '政府办').waitFor();
    expect(await nav(page).getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['总览', '落后单位', '单位', '用户', '活动设置', '审计日志']));
    await logOut(page);
    expect((await page.request.get(`${stage.server.url}/api/auth/me`)).status()).toBe(401);
  });

  it('shows the login page, not the previous user\'s pages, on a reload right after logging out', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: '总览', level: 1 }).waitFor();
    await logOut(page);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByRole('heading', { name: '登录', level: 1 }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '退出登录' }).count()).toBe(0);
  });

  it('finds a unit in the units list by its code and opens it', async () => {
    const { page } = stage.browser;
    const unit = await seedUnit(stage.office, '县自然资源局');
    const started = await seedUnit(stage.office, '县交通运输局');
    await seedSteps(stage.office, started.id, [{ type: 'wiring.started' }]);
    const refused = await seedUnit(stage.office, '县卫生健康局');
    await seedSteps(stage.office, refused.id, [{ type: 'wiring.refused', data: { reason: '担心保密' } }]);

    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await nav(page).getByRole('link', { name: '单位', exact: true }).click();
    await page.getByRole('heading', { name: '单位', level: 1 }).waitFor();
    await page.getByRole('link', { name: '县卫生健康局' }).waitFor();
    await stage.browser.shot('units-list');

    await page.getByLabel('名称或编码').fill(unit.code);
    await expect.poll(() => page.getByText('共 1 个单位').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: '县交通运输局' }).count()).toBe(0);
    await page.getByRole('link', { name: '县自然资源局' }).click();
    await page.getByRole('heading', { name: /县自然资源局/, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/units/${unit.id}`);
  });

  it('voids the latest step only after confirming with a reason, and the stage goes back', async () => {
    const { page } = stage.browser;
    const unit = await seedUnit(stage.office, '县文化和旅游局');
    await seedSteps(stage.office, unit.id, [{ type: 'wiring.started' }, { type: 'wiring.completed' }]);

    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/units/${unit.id}`);
    await expect.poll(() => wiringCard(page).textContent()).toContain('已完成');
    // only the latest live step can be voided
    await page.getByRole('button', { name: '撤销此步骤' }).waitFor();
    expect(await page.getByRole('button', { name: '撤销此步骤' }).count()).toBe(1);

    await page.getByRole('button', { name: '撤销此步骤' }).click();
    const dialog = page.getByRole('dialog', { name: '撤销最近一步：完成布线' });
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '撤销此步骤' }).click();
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await dialog.getByText('必填', { exact: true }).waitFor();
    expect((await stage.office.get(`/api/units/${unit.id}/events`)).items.some((s: { voided: boolean }) => s.voided)).toBe(false);

    await dialog.getByLabel('撤销原因').fill('技术员误点了完成');
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('撤销原因：技术员误点了完成').waitFor();
    await expect.poll(() => wiringCard(page).textContent()).toContain('进行中');
    expect(await page.locator('.badge', { hasText: '已撤销' }).count()).toBe(1);

    const { items } = await stage.office.get(`/api/units/${unit.id}/events`);
    expect(items.map((s: { type: string; voided: boolean }) => [s.type, s.voided])).toEqual([
      ['wiring.started', false],
      ['wiring.completed', true],
    ]);
    expect(items[1].voidReason).toBe('技术员误点了完成');
    expect((await stage.office.get(`/api/units/${unit.id}`)).unit.progress.wiring.status).toBe('in_progress');
  });

  it('creates a technician account on the users page, who can then log in', async () => {
    const { page } = stage.browser;
    const username = uniqueCode('tech').toLowerCase();
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await nav(page).getByRole('link', { name: '用户' }).click();
    await page.getByRole('heading', { name: '用户', level: 1 }).waitFor();
    await page.locator('summary', { hasText: '新建用户' }).click();
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('姓名').fill('赵工程师');
    await page.getByLabel('角色').selectOption({ label: '电信技术员' });
    await page.getByLabel('初始密码').fill('short');
    await page.getByRole('button', { name: '新建用户', exact: true }).click();
    await expect.poll(() => page.getByLabel('初始密码').getAttribute('aria-invalid')).toBe('true');
    expect((await stage.office.get('/api/users?pageSize=500')).items.map((u: { username: string }) => u.username)).not.toContain(username);
    await page.getByLabel('初始密码').fill('field-work-2026');
    await page.getByRole('button', { name: '新建用户', exact: true }).click();
    await page.getByText('已创建用户 赵工程师。').waitFor();
    await page.getByRole('rowheader', { name: username }).waitFor();
    await stage.browser.shot('users');

    const { items } = await stage.office.get('/api/users?pageSize=500');
    expect(items.find((u: { username: string }) => u.username === username)).toMatchObject({ displayName: '赵工程师', role: 'technician' });
    await apiAs(stage.server.url, username, 'field-work-2026');
  });

  it('creates a unit contact bound to the unit picked by searching', async () => {
    const { page } = stage.browser;
    const unit = await seedUnit(stage.office, '县市场监督管理局');
    const username = uniqueCode('contact').toLowerCase();
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/users`);
    await page.locator('summary', { hasText: '新建用户' }).click();
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('姓名').fill('孙联络员');
    await page.getByLabel('角色').selectOption({ label: '单位联络员' });
    await page.getByLabel('初始密码').fill('unit-contact-2026');
    await page.getByLabel('搜索单位').fill(unit.code);
    const picker = page.getByLabel('所属单位');
    await expect.poll(() => picker.locator('option').allTextContents()).toContain(`${unit.code} 县市场监督管理局`);
    await picker.selectOption({ label: `${unit.code} 县市场监督管理局` });
    await page.getByRole('button', { name: '新建用户', exact: true }).click();
    await page.getByText('已创建用户 孙联络员。').waitFor();

    const { items } = await stage.office.get('/api/users?pageSize=500');
    expect(items.find((u: { username: string }) => u.username === username)).toMatchObject({ role: 'unit', unitId: unit.id });
  });
});

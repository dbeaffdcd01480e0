// A unit's own contact (单位联络员) registers the unit on the platform; the office reviews it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, checkEachPage, CONNECTED, apiAs, daysAgo, logIn, logOut, seedSteps, seedUnit, seedUser, signedInAs, useStage } from './harness.js';

const stage = useStage();
checkEachPage(() => stage.browser);

const registrationCard = (page: Page) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '申报', level: 3 }) });

/** A connected unit and its contact, ready to register. */
async function connectedUnitWithContact(name: string, contactName: string) {
  const unit = await seedUnit(stage.office, name, { kind: 'township' });
  await seedSteps(stage.office, unit.id, CONNECTED);
  const contact = await seedUser(stage.office, 'unit', contactName, unit.id);
  return { unit, contact };
}

describe('a unit contact', () => {
  it('logs in to its own unit, sees who they are, cannot open another unit, and logs out', async () => {
    const { page } = stage.browser;
    const unit = await seedUnit(stage.office, '青山乡人民政府', { kind: 'township' });
    const other = await seedUnit(stage.office, '白水乡人民政府', { kind: 'township' });
    const contact = await seedUser(stage.office, 'unit', '刘联络员', unit.id);

    await logIn(page, stage.server.url, contact.username, contact.password);
    await signedInAs(page, '刘联络员', '单位联络员').waitFor();
    await page.getByRole('heading', { name: /青山乡人民政府/, level: 1 }).waitFor();
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link').allTextContents()).toEqual(['本单位', '骨干培训']);

    await page.goto(`${stage.server.url}/units/${other.id}`);
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
    expect(await page.getByText('白水乡人民政府').count()).toBe(0);

    await logOut(page);
    expect((await page.request.get(`${stage.server.url}/api/auth/me`)).status()).toBe(401);
  });

  it('lands on its own unit when logging in on a computer the office just logged out of', async () => {
    const { page } = stage.browser;
    const unit = await seedUnit(stage.office, '龙潭乡人民政府', { kind: 'township' });
    const contact = await seedUser(stage.office, 'unit', '郑联络员', unit.id);
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: '总览', level: 1 }).waitFor();
    await logOut(page);
    await page.getByLabel('用户名').fill(contact.username);
    await page.getByLabel('密码').fill(contact.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasNotText: '登录' }).first().waitFor();
    expect(await page.getByRole('heading', { name: /龙潭乡人民政府/, level: 1 }).isVisible()).toBe(true);
  });

  it('submits the registration, and the office verifies it', async () => {
    const { page } = stage.browser;
    const { unit, contact } = await connectedUnitWithContact('石桥镇人民政府', '陈联络员');

    await logIn(page, stage.server.url, contact.username, contact.password);
    await page.getByRole('heading', { name: '提交申报', level: 2 }).waitFor();
    await page.getByLabel('申报编号').fill('ZW-2026-0042');
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.getByText('已提交申报（编号 ZW-2026-0042），等待政府办审核。').waitFor();
    await expect.poll(() => registrationCard(page).textContent()).toContain('待审核');
    // the card shows the step as soon as the outbox holds it: wait for the server to have it too
    await expect.poll(async () => (await stage.office.get(`/api/units/${unit.id}`)).unit.progress.registration).toMatchObject({ status: 'in_progress', awaitingReview: true });

    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/units/${unit.id}`);
    const review = page.getByRole('region', { name: '审核申报' });
    await review.getByText('申报编号：ZW-2026-0042').waitFor();
    await review.getByRole('button', { name: '审核通过' }).click();
    const dialog = page.getByRole('dialog', { name: '确认审核通过？' });
    await dialog.getByRole('button', { name: '审核通过' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('已完成接入和申报').waitFor();
    await expect.poll(() => registrationCard(page).textContent()).toContain('已完成');

    await expect.poll(async () => (await stage.office.get(`/api/units/${unit.id}`)).unit.progress).toMatchObject({ onboarded: true, registration: { status: 'done' } });
  });

  it('sees why the office rejected the registration, and submits it again', async () => {
    const { page } = stage.browser;
    const { unit, contact } = await connectedUnitWithContact('桃源乡人民政府', '周联络员');
    const contactApi = await apiAs(stage.server.url, contact.username, contact.password);
    await contactApi.post(`/api/units/${unit.id}/events`, { type: 'registration.submitted', data: { platformRef: 'TY-001' } });

    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/units/${unit.id}`);
    await page.getByRole('region', { name: '审核申报' }).getByRole('button', { name: '退回' }).click();
    const dialog = page.getByRole('dialog', { name: '退回' });
    await dialog.getByRole('button', { name: '退回' }).click();
    await dialog.getByText('必填', { exact: true }).waitFor();
    expect((await stage.office.get(`/api/units/${unit.id}`)).unit.progress.registration.status).toBe('in_progress');
    await dialog.getByLabel('退回原因').fill('申报编号与平台记录不符，请核对');
    await dialog.getByRole('button', { name: '退回' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => registrationCard(page).textContent()).toContain('申报被退回');
    expect((await stage.office.get(`/api/units/${unit.id}`)).unit.progress.registration).toMatchObject({
      status: 'blocked', reason: '申报编号与平台记录不符，请核对',
    });

    await logIn(page, stage.server.url, contact.username, contact.password);
    await page.getByText('政府办退回了申报，原因：申报编号与平台记录不符，请核对。请修改后重新提交。').waitFor();
    await page.getByRole('heading', { name: '重新提交申报', level: 2 }).waitFor();
    // the number submitted last time is offered again: often only a typo needs correcting
    await expect.poll(() => page.getByLabel('申报编号').inputValue()).toBe('TY-001');
    await page.getByLabel('申报编号').fill('TY-002');
    await page.getByRole('button', { name: '重新提交申报' }).click();
    await page.getByText('已提交申报（编号 TY-002），等待政府办审核。').waitFor();

    await expect
      .poll(async () => (await stage.office.get(`/api/units/${unit.id}/events`)).items.at(-1))
      .toMatchObject({ type: 'registration.submitted', data: { platformRef: 'TY-002' }, actor: { displayName: '周联络员' } });
  });

  it('reads on its own page what the laggard report says of it, in its words and with what to do, and who its technician is', async () => {
    const { page } = stage.browser;
    const unit = await seedUnit(stage.office, '沙湾镇人民政府', { kind: 'township' });
    await seedSteps(stage.office, unit.id, [{ type: 'wiring.refused', data: { reason: '书记不同意在会议室布线' }, occurredAt: daysAgo(12) }]);
    const tech = await seedUser(stage.office, 'technician', '马师傅');
    await stage.office.post('/api/units/assign', { technicianId: tech.id, unitIds: [unit.id] });
    const contact = await seedUser(stage.office, 'unit', '杨联络员', unit.id);

    await logIn(page, stage.server.url, contact.username, contact.password);
    const notice = page.getByRole('status').filter({ hasText: '本单位目前：' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('拒绝布线已 12 天。请与负责的技术员约定布线时间；确有困难，向政府办说明原因。');
    // the same as the office's board says of this unit
    const board = await stage.office.get(`/api/reports/laggards?pageSize=500`);
    const row = board.items.find((i: { unit: { id: string } }) => i.unit.id === unit.id);
    expect(row.flags).toEqual([{ category: 'refused_wiring', stage: 'wiring', daysLate: 12 }]);
    expect(await page.locator('dl div', { hasText: '负责技术员' }).textContent()).toContain('马师傅');
    await page.setViewportSize({ width: 1366, height: 860 });
    await stage.browser.shot('unit-contact-laggard-1366');
    await page.setViewportSize({ width: 360, height: 740 });
    await stage.browser.shot('unit-contact-laggard-360');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('the office opens a unit from the filtered board, and ← 返回 brings the board back with its filters', async () => {
    const { page } = stage.browser;
    const unit = await seedUnit(stage.office, '官亭镇人民政府', { kind: 'township' });
    await seedSteps(stage.office, unit.id, [{ type: 'wiring.refused', data: { reason: '不同意' }, occurredAt: daysAgo(3) }]);
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    const board = `/laggards?kind=township&category=refused_wiring`;
    await page.goto(`${stage.server.url}${board}`);
    await page.getByRole('link', { name: '官亭镇人民政府' }).click();
    await page.getByRole('heading', { name: /官亭镇人民政府/, level: 1 }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: '该单位目前：' }).textContent()).toContain('拒绝布线已 3 天');
    await page.getByRole('link', { name: '← 返回落后单位' }).click();
    await page.getByRole('link', { name: '官亭镇人民政府' }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(board);
    // a reload of the unit page keeps where it came from
    await page.getByRole('link', { name: '官亭镇人民政府' }).click();
    await page.getByRole('heading', { name: /官亭镇人民政府/, level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: '← 返回落后单位' }).click();
    await page.waitForURL((url) => url.pathname + url.search === board);
  });
});

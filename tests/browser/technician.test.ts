// A telecom technician at a unit: logs wiring steps and sees the unit's progress move, on a desk or a phone.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkEachPage, logIn, logOut, markDocument, sameDocument, seedUnit, seedUser, signedInAs, type SeededUser, useStage } from './harness.js';

let tech: SeededUser;

const stage = useStage({
  prepare: async ({ office }) => {
    tech = await seedUser(office, 'technician', '张师傅');
  },
});
checkEachPage(() => stage.browser);

/** A stage's card on the unit page, found by its heading. */
const stageCard = (page: Page, stage: '布线' | '接入' | '申报') =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: stage, level: 3 }) });
const stepChoices = (page: Page) => page.getByLabel('步骤').locator('option').allTextContents();

async function logStep(page: Page, step: string) {
  await page.getByLabel('步骤').selectOption({ label: step });
  await page.getByRole('button', { name: '记录', exact: true }).click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: `已记录“${step}”` }).isVisible()).toBe(true);
}

describe('a technician', () => {
  it('logs in, sees who they are, and logs out', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, tech.username, tech.password);
    await signedInAs(page, '张师傅', '电信技术员').waitFor();
    await logOut(page);
    expect((await page.request.get(`${stage.server.url}/api/auth/me`)).status()).toBe(401);
  });

  it('starts and then completes the wiring from the unit page, and the stages change without a reload', async () => {
    const { page } = stage.browser;
    const unit = await seedUnit(stage.office, '城关镇人民政府', { kind: 'township' });
    await logIn(page, stage.server.url, tech.username, tech.password);
    await page.goto(`${stage.server.url}/units/${unit.id}`);
    await page.getByRole('heading', { name: /城关镇人民政府/, level: 1 }).waitFor();
    await markDocument(page);

    const before = await stepChoices(page);
    expect(before).toEqual(expect.arrayContaining(['预约布线', '开始布线', '完成布线', '拒绝布线', '推迟布线']));
    // connection needs finished wiring; a registration is the unit's own business
    for (const refused of ['开始接入', '完成接入', '提交申报', '申报审核通过']) expect(before).not.toContain(refused);

    await logStep(page, '开始布线');
    await expect.poll(() => stageCard(page, '布线').textContent()).toContain('进行中');
    // the card shows the step as soon as the outbox holds it: wait for the server to have it too
    await expect.poll(async () => (await stage.office.get(`/api/units/${unit.id}`)).unit.progress.wiring.status).toBe('in_progress');

    await logStep(page, '完成布线');
    await expect.poll(() => stageCard(page, '布线').textContent()).toContain('已完成');
    const after = await stepChoices(page);
    expect(after).toEqual(expect.arrayContaining(['开始接入', '完成接入']));
    expect(after).not.toContain('开始布线');
    expect(await sameDocument(page)).toBe(true);

    await expect.poll(async () => (await stage.office.get(`/api/units/${unit.id}`)).unit.progress.wiring.status).toBe('done');
    const { items } = await stage.office.get(`/api/units/${unit.id}/events`);
    expect(items.map((s: { type: string; actor: { displayName: string } }) => [s.type, s.actor.displayName])).toEqual([
      ['wiring.started', '张师傅'],
      ['wiring.completed', '张师傅'],
    ]);
    await page.getByRole('heading', { name: '进展记录' }).scrollIntoViewIfNeeded();
    await stage.browser.shot('unit-page');
  });

  it('is asked for the reason before a refused wiring is recorded', async () => {
    const { page } = stage.browser;
    const unit = await seedUnit(stage.office, '县档案馆');
    await logIn(page, stage.server.url, tech.username, tech.password);
    await page.goto(`${stage.server.url}/units/${unit.id}`);
    await page.getByLabel('步骤').selectOption({ label: '拒绝布线' });
    await page.getByRole('button', { name: '记录', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '请检查标注的字段。' }).waitFor();
    expect((await stage.office.get(`/api/units/${unit.id}/events`)).items).toEqual([]);

    await page.getByLabel('原因类别').selectOption({ label: '担心保密安全' });
    await page.getByLabel('原因说明').fill('主任不同意进入机要室布线');
    await page.getByRole('button', { name: '记录', exact: true }).click();
    await expect.poll(() => stageCard(page, '布线').textContent()).toContain('拒绝布线');
    await expect.poll(() => stageCard(page, '布线').textContent()).toContain('主任不同意进入机要室布线');

    // the card shows the step as soon as it is in the outbox (outbox first): the server has it a moment later
    await expect.poll(async () => (await stage.office.get(`/api/units/${unit.id}`)).unit.progress.wiring).toMatchObject({ status: 'blocked', reason: '主任不同意进入机要室布线' });
  });

  it('reads the unit page on a 360 px phone without scrolling sideways', async () => {
    const { page } = stage.browser;
    const unit = await seedUnit(stage.office, '县人力资源和社会保障局（劳动保障监察大队）', {
      contactName: '李主任', contactPhone: '0571-88886666', address: '城关镇解放路一百二十八号综合办公大楼东侧副楼三楼',
    });
    await stage.office.post(`/api/units/${unit.id}/events`, {
      type: 'wiring.postponed', data: { reason: '办公室正在装修，装修完成后再安排布线，预计需要两个月左右的时间', until: '2099-12-31' },
    });
    await logIn(page, stage.server.url, tech.username, tech.password);
    await page.setViewportSize({ width: 360, height: 780 });
    try {
      await page.goto(`${stage.server.url}/units/${unit.id}`);
      await page.getByRole('heading', { name: '进展记录' }).waitFor();
      await page.getByLabel('步骤').selectOption({ label: '推迟布线' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await stage.browser.shot('phone-unit-page');
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
  });

  it('goes back from a unit to the units list it was opened from, with its search and filters', async () => {
    const { page } = stage.browser;
    const unit = await seedUnit(stage.office, '理川镇人民政府', { kind: 'township' });
    await logIn(page, stage.server.url, tech.username, tech.password);
    const list = `/units?q=${encodeURIComponent('理川')}&kind=township`;
    await page.goto(`${stage.server.url}${list}`);
    await page.getByRole('link', { name: '理川镇人民政府' }).click();
    await page.getByRole('heading', { name: /理川镇人民政府/, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/units/${unit.id}`);
    await page.getByRole('link', { name: '← 返回单位列表' }).click();
    await page.waitForURL((url) => url.pathname + url.search === list);
    await page.getByRole('link', { name: '理川镇人民政府' }).waitFor();
  });
});

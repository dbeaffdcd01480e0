// Leadership (领导): reads the overview, finds the laggards, prints the bulletin; writes nothing.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkEachPage, daysAgo, logIn, logOut, seedSteps, seedUnit, seedUser, signedInAs, type SeededUser, useStage } from './harness.js';

let viewer: SeededUser;

const stage = useStage({
  prepare: async ({ office }) => {
    viewer = await seedUser(office, 'viewer', '王县长');
  },
});
checkEachPage(() => stage.browser);

/** A unit whose wiring was refused `days` days ago: a `refused_wiring` laggard. */
async function refusedUnit(name: string, days: number) {
  const unit = await seedUnit(stage.office, name);
  await seedSteps(stage.office, unit.id, [{ type: 'wiring.refused', data: { reason: '领导不在，不让进办公室', reasonCode: 'leader_absent' }, occurredAt: daysAgo(days) }]);
  return unit;
}

const boardRow = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });

/** Today in the campaign's time zone, as the bulletin writes it: 2026-05-01 (one date format everywhere). */
function todayLong(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

describe('leadership', () => {
  it('logs in, sees who they are and only the reading pages, and logs out', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, viewer.username, viewer.password);
    await signedInAs(page, '王县长', '领导').waitFor();
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['总览', '落后单位', '催办', '单位', '骨干培训']);
    await logOut(page);
    expect((await page.request.get(`${stage.server.url}/api/auth/me`)).status()).toBe(401);
  });

  it('sees the totals on the overview', async () => {
    const { page } = stage.browser;
    await refusedUnit('县民政局', 2);
    await logIn(page, stage.server.url, viewer.username, viewer.password);
    await page.getByRole('heading', { name: '总览', level: 1 }).waitFor();
    const summary = await stage.office.get('/api/reports/summary');
    const total = page.locator('.stat').filter({ hasText: '单位总数' });
    await expect.poll(() => total.textContent()).toContain(String(summary.totalUnits));
    await page.getByRole('heading', { name: '最常见的推迟和拒绝理由' }).waitFor();
    await expect.poll(() => page.getByText('领导不在', { exact: true }).isVisible()).toBe(true);
    await stage.browser.shot('overview');
  });

  it('finds a unit that refused the wiring on the laggard board, with its labelled flag and days late, and filters by category', async () => {
    const { page } = stage.browser;
    const refused = await refusedUnit('县农业农村局', 5);
    const postponer = await seedUnit(stage.office, '县水利局');
    await seedSteps(stage.office, postponer.id, [
      { type: 'wiring.postponed', data: { reason: '办公室装修' }, occurredAt: daysAgo(3) },
      { type: 'wiring.postponed', data: { reason: '工作繁忙' }, occurredAt: daysAgo(1) },
    ]);

    await logIn(page, stage.server.url, viewer.username, viewer.password);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '落后单位' }).click();
    await page.getByRole('heading', { name: '落后单位', level: 1 }).waitFor();
    await boardRow(page, '县农业农村局').waitFor();
    expect(await boardRow(page, '县农业农村局').textContent()).toContain('拒绝布线 · 5 天');
    expect(await boardRow(page, '县水利局').textContent()).toContain('多次推迟 · 3 天');
    await stage.browser.shot('laggard-board');

    await page.getByLabel('问题类型').selectOption({ label: '拒绝布线' });
    await expect.poll(() => boardRow(page, '县水利局').count()).toBe(0);
    expect(await boardRow(page, '县农业农村局').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('category')).toBe('refused_wiring');

    const report = await stage.office.get('/api/reports/laggards?category=refused_wiring');
    const ids = report.items.map((l: { unit: { id: string } }) => l.unit.id);
    expect(ids).toContain(refused.id);
    expect(ids).not.toContain(postponer.id);
  });

  it('opens the bulletin from the board: title and as-of date, and on paper no navigation or buttons', async () => {
    const { page } = stage.browser;
    await refusedUnit('县审计局', 4);
    await logIn(page, stage.server.url, viewer.username, viewer.password);
    await page.goto(`${stage.server.url}/laggards`);
    await page.getByRole('link', { name: '生成通报' }).click();

    const title = page.getByRole('heading', { name: '关于政务专网接入落后单位的通报', level: 1 });
    await title.waitFor();
    await page.getByText(`数据截至 ${todayLong()}`).waitFor();
    const section = page.locator('section').filter({ has: page.getByRole('heading', { name: /^拒绝布线/ }) });
    expect(await section.getByRole('row').filter({ hasText: '县审计局' }).textContent()).toContain('4');
    await stage.browser.shot('bulletin');

    await page.emulateMedia({ media: 'print' });
    try {
      expect(await title.isVisible()).toBe(true);
      expect(await page.getByText(`数据截至 ${todayLong()}`).isVisible()).toBe(true);
      expect(await page.getByRole('navigation', { name: '主导航' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
      expect(await page.getByRole('link', { name: /返回落后单位/ }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: '退出登录' }).isVisible()).toBe(false);
      await stage.browser.shot('bulletin-print');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('reads a unit page but is offered no step to log', async () => {
    const { page } = stage.browser;
    const unit = await refusedUnit('县统计局', 1);
    await logIn(page, stage.server.url, viewer.username, viewer.password);
    await page.goto(`${stage.server.url}/units/${unit.id}`);
    await page.getByRole('heading', { name: '进展记录' }).waitFor();
    await page.getByText('拒绝布线').first().waitFor();
    expect(await page.getByRole('heading', { name: '记录进展' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '撤销此步骤' }).count()).toBe(0);
  });
});

// The office's screens as its people see them at 1366 px and on a 360 px phone: a long unit name
// never breaks the codes, kinds and dates beside it; the audit log in words; each page's own
// title; the phone's header folded behind a menu button.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, checkEachPage, daysAgo, logIn, seedSteps, seedUnit, seedUser, uniqueCode, useStage, type SeededUnit } from './harness.js';

/** 40 characters, as real county bodies are named */
const LONG_NAME = '宕昌县人力资源和社会保障局劳动保障监察大队城关镇哈达铺镇联合工作站办公室';
let long: SeededUnit;
let township: SeededUnit;

const stage = useStage({
  width: 1366,
  height: 900,
  prepare: async ({ office }) => {
    long = await seedUnit(office, LONG_NAME, { code: '621223100' + uniqueCode('').slice(-3) });
    township = await seedUnit(office, `${LONG_NAME.slice(0, 30)}乡镇人民政府`, { kind: 'township', code: '621223101' + uniqueCode('').slice(-3) });
    for (const unit of [long, township]) {
      await seedSteps(office, unit.id, [{ type: 'wiring.refused', data: { reason: '领导不在', reasonCode: 'leader_absent' }, occurredAt: daysAgo(12) }]);
    }
    await seedUser(office, 'unit', '张联络员', long.id);
  },
});
checkEachPage(() => stage.browser);

/**
 * Whether each cell's text sits on one line: its text's line boxes all share one top, and the
 * text is no taller than one line (the cell itself is as tall as the row's tallest cell).
 */
const onOneLine = (page: Page, selector: string) =>
  page.$$eval(selector, (cells) =>
    cells.map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      const lineHeight = parseFloat(getComputedStyle(cell).lineHeight);
      return { text: cell.textContent, lines: tops.size, oneLine: tops.size === 1 && range.getBoundingClientRect().height <= lineHeight + 0.5 };
    }),
  );

const rowOf = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });

async function atWidth(page: Page, width: number, run: () => Promise<void>) {
  await page.setViewportSize({ width, height: width < 600 ? 780 : 900 });
  try {
    await run();
  } finally {
    await page.setViewportSize({ width: 1366, height: 900 });
  }
}

describe('the tables with a 40-character unit name', () => {
  it('keep the units table’s codes, kinds and dates on one line at 1366 px', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/units`);
    await rowOf(page, LONG_NAME).waitFor();
    const row = `tr:has(a:text-is("${LONG_NAME}"))`;
    // the name itself wraps: that is what squeezes the other columns
    expect(await page.$eval(`${row} th`, (th) => th.getBoundingClientRect().height)).toBeGreaterThan(40);
    const cells = await onOneLine(page, ['编码', '类型', '最近进展'].map((label) => `${row} td[data-label="${label}"]`).join(', '));
    expect(cells.map((c) => c.text)).toEqual([long.code, '部门', expect.stringMatching(/^2\d{3}/)]);
    for (const cell of cells) expect(cell, cell.text ?? '').toMatchObject({ oneLine: true });
    const kind = await onOneLine(page, `tr:has(a:text-is("${township.name}")) td[data-label="类型"]`);
    expect(kind).toEqual([{ text: '乡镇', lines: 1, oneLine: true }]);
    await stage.browser.shot('units-long-name-1366');
  });

  it('reads the units table on a 360 px phone without scrolling sideways', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await atWidth(page, 360, async () => {
      await page.goto(`${stage.server.url}/units`);
      await rowOf(page, LONG_NAME).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      const code = await onOneLine(page, `tr:has(a:text-is("${LONG_NAME}")) td[data-label="编码"]`);
      expect(code).toMatchObject([{ oneLine: true }]);
      await stage.browser.shot('units-long-name-360');
    });
  });

  it('breaks no word in the laggard board or the users table at 1366 px', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/laggards`);
    await rowOf(page, LONG_NAME).waitFor();
    const row = `tr:has(a:text-is("${LONG_NAME}"))`;
    // rank, severity: numbers; the kind, the flag and the date: one word each
    const cells = await onOneLine(page, `${row} td.num, ${row} td[data-label="单位类型"], ${row} .flag, ${row} td[data-label="最近进展"]`);
    expect(cells).toHaveLength(5);
    for (const cell of cells) expect(cell, cell.text ?? '').toMatchObject({ oneLine: true });
    await stage.browser.shot('laggards-long-name-1366');

    await page.goto(`${stage.server.url}/users`);
    await page.getByRole('link', { name: LONG_NAME }).waitFor();
    const user = `tr:has(a:text-is("${LONG_NAME}"))`;
    const userCells = await onOneLine(page, `${user} td[data-label="角色"], ${user} td[data-label="创建时间"]`);
    expect(userCells).toHaveLength(2);
    for (const cell of userCells) expect(cell, cell.text ?? '').toMatchObject({ oneLine: true });
    await stage.browser.shot('users-long-name-1366');
  });
});

describe('the audit log', () => {
  it('says who did what to which unit, links the unit, and keeps sign-ins apart', async () => {
    const { page } = stage.browser;
    const unit = await seedUnit(stage.office, '县档案馆');
    await stage.office.patch(`/api/units/${unit.id}`, { contactName: '李明' });
    await seedSteps(stage.office, unit.id, [{ type: 'wiring.started' }]);
    const events = await stage.office.get(`/api/units/${unit.id}/events`);
    await stage.office.post(`/api/events/${events.items[0].id}/void`, { reason: '记错了' });
    await page.request.post(`${stage.server.url}/api/auth/login`, { data: { username: 'nobody-here', password: 'wrong password' } });

    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/audit`);
    const table = page.getByRole('table');
    await table.getByText('撤销了 县档案馆 的“开始布线”，原因：记错了').waitFor();
    await table.getByText('修改单位 县档案馆：联系人改为“李明”').waitFor();
    const text = (await table.textContent())!;
    for (const raw of ['step.void', 'unit:', unit.id, '{"']) expect(text).not.toContain(raw);
    await stage.browser.shot('audit-1366');

    await table.getByRole('link', { name: '县档案馆' }).first().click();
    await page.getByRole('heading', { name: /县档案馆/, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/units/${unit.id}`);

    await page.goBack();
    await page.getByRole('link', { name: '登录与退出' }).click();
    await page.getByRole('table').getByText('以用户名 nobody-here 登录失败：用户名或密码错误').waitFor();
    // the sign-ins only: the unit's changes are gone once the page has the new answer
    await expect.poll(() => page.getByRole('table').getByText(/县档案馆/).count()).toBe(0);
    const rows = await page.getByRole('table').getByRole('row').allTextContents();
    expect(rows.slice(1).every((r) => /登录|退出/.test(r))).toBe(true);

    await page.getByRole('link', { name: '全部', exact: true }).click();
    await page.getByLabel('单位编码').fill(unit.code);
    await expect.poll(() => page.getByText('共 4 条').isVisible()).toBe(true);
    await atWidth(page, 360, async () => {
      await page.getByRole('table').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await stage.browser.shot('audit-360');
    });
  });
});

describe('each page’s title', () => {
  it('names the page in the tab, in Chinese and in English', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/laggards`);
    await expect.poll(() => page.title()).toBe('落后单位 · 政务专网接入进度');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '审计日志' }).click();
    await expect.poll(() => page.title()).toBe('审计日志 · 政务专网接入进度');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.title()).toBe('Audit log · Government network onboarding');
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.title()).toBe('审计日志 · 政务专网接入进度');
  });
});

describe('the header on a 360 px phone', () => {
  it('folds the menu behind a button that says whether it is open, and Escape closes it', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await atWidth(page, 360, async () => {
      await page.goto(`${stage.server.url}/overview`);
      const button = page.getByRole('button', { name: '菜单' });
      await button.waitFor();
      const nav = page.getByRole('navigation', { name: '主导航' });
      expect(await nav.isVisible()).toBe(false);
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      // the header is one row: the title, 退出登录 and 菜单
      const height = await page.locator('header').evaluate((h) => h.getBoundingClientRect().height);
      expect(height).toBeLessThan(780 / 10);
      await stage.browser.shot('phone-header-closed');

      await button.click();
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      await nav.getByRole('link', { name: '落后单位' }).waitFor();
      await stage.browser.shot('phone-header-open');
      await page.keyboard.press('Escape');
      await expect.poll(() => nav.isVisible()).toBe(false);
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);

      // a link in the menu opens its page and folds the menu again
      await button.click();
      await nav.getByRole('link', { name: '落后单位' }).click();
      await page.getByRole('heading', { name: '落后单位', level: 1 }).waitFor();
      await expect.poll(() => nav.isVisible()).toBe(false);
    });
  });
});

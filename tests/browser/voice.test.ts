// Each level's voice on paper (issue 24): 武都区's notice and 陇南市's bulletin printed by Chromium
// and read back as text say who they are (武都区人民政府办公室 / 全区; 陇南市人民政府办公室 /
// 各县（区）), never 县人民政府办公室; the city's bulletin keeps every ranking column on A4
// portrait; the settings' issuer fields and the issued bulletins, looked at on a desk and a phone.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, SHOTS, apiAs, checkEachPage, daysAgo, logIn, seedSteps, seedUnit, uniqueCode, useStage } from './harness.js';

const WUDU = '621202';
const LONGNAN = '6212';
const users: Record<'wudu' | 'longnan', { username: string; password: string }> = {} as never;

const stage = useStage({
  width: 1366,
  prepare: async ({ office }) => {
    for (const [key, scope] of [['wudu', WUDU], ['longnan', LONGNAN]] as const) {
      const username = uniqueCode(key).toLowerCase();
      await office.post('/api/users', { username, displayName: `${key}办公室`, role: 'office', password: 'pass-word-123', scope });
      users[key] = { username, password: 'pass-word-123' };
    }
    const wudu = await apiAs(stage.server.url, users.wudu.username, users.wudu.password);
    const jiangbei = await seedUnit(wudu, '江北街道办事处', { kind: 'department', areaCode: WUDU });
    await seedSteps(wudu, jiangbei.id, [{ type: 'wiring.refused', data: { reason: '领导不在，不让进办公室' }, occurredAt: daysAgo(4) }]);
    const other = await seedUnit(office, '宕昌县教育局', { areaCode: '621223' });
    await seedSteps(office, other.id, [{ type: 'wiring.postponed', data: { reason: '年底忙' }, occurredAt: daysAgo(5) }, { type: 'wiring.postponed', data: { reason: '年底忙' }, occurredAt: daysAgo(2) }]);
    await seedUnit(office, '成县财政局', { areaCode: '621221' });
    await wudu.post(`/api/units/${jiangbei.id}/notices`, {});
  },
});
checkEachPage(() => stage.browser);

/** The page as Chromium prints it on A4, read back as text (null without poppler-utils). */
async function printed(page: Page, name: string): Promise<string> {
  const file = join(SHOTS, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  try {
    await page.pdf({ path: file, format: 'A4', printBackground: true });
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
  expect(existsSync('/usr/bin/pdftotext'), 'pdftotext (Debian poppler-utils) reads the printed page back').toBe(true);
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '2', file, join(SHOTS, name)]);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('each level’s voice on paper', () => {
  it('武都区’s notice is signed by 武都区人民政府办公室 and threatens a 全区 bulletin', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, users.wudu.username, users.wudu.password);
    await page.goto(`${stage.server.url}/notices/print?status=open`);
    await page.locator('.notice-sheet').first().waitFor();
    const text = await printed(page, 'voice-notice-wudu');
    expect(text).toContain('武都区人民政府办公室（盖章）');
    expect(text).toContain('将在全区通报');
    expect(text).toMatch(/武政办催〔\d{4}〕1号/);
    expect(text).not.toMatch(/(^|[^区])县人民政府办公室/m);
    expect(text).not.toContain('全县');
  });

  it('陇南市’s bulletin is the city’s, addressed to 各县（区）, with every ranking column on A4 portrait', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, users.longnan.username, users.longnan.password);
    await page.goto(`${stage.server.url}/laggards/bulletin`);
    await page.locator('.rollup-table').waitFor();
    await page.locator('.bulletin-worst').first().waitFor();
    // every county's worst units read, nothing left loading on the page
    await expect.poll(() => page.locator('.bulletin').getByText('加载中').count()).toBe(0);
    const text = await printed(page, 'voice-bulletin-longnan');
    expect(text).toContain('陇南市人民政府办公室');
    expect(text).toContain('各县（区）人民政府办公室');
    expect(text.replace(/\s+/g, '')).toContain('请各县（区）高度重视');
    expect(text).not.toMatch(/(^|[^市区])县人民政府办公室/m);
    // the ranking's last column and the total row are on the page
    expect(text).toContain('落后单位（按问题）');
    expect(text).toContain('合计');
    expect(text).toMatch(/拒绝布线 1/);
    // issue 26 "done when": on paper the ranking keeps its 较上周 column, and the short paragraph
    // says what moved since a week before with the figures the summary gives
    expect(text).toContain('较上周');
    const longnan = await apiAs(stage.server.url, users.longnan.username, users.longnan.password);
    const summary = (await longnan.get('/api/reports/summary')) as { laggards: number; previous?: { laggards: number }; change?: { newlyOnboarded: number; newLaggards: number; resolved: number } };
    expect(summary.change, 'the summary compares with a week before').toBeDefined();
    // 江北街道办事处 refused four days ago: a laggard the week did not have
    expect(summary.change!.newLaggards).toBeGreaterThanOrEqual(1);
    const flat = text.replace(/\s+/g, '');
    const { newlyOnboarded, newLaggards, resolved } = summary.change!;
    expect(flat).toMatch(new RegExp(`与\\d{4}-\\d{2}-\\d{2}相比：新增完成接入${newlyOnboarded}个单位，新增落后单位${newLaggards}个，${resolved}个单位已解决落后问题`));
    const pages = execFileSync('pdfinfo', [join(SHOTS, 'voice-bulletin-longnan.pdf')], { encoding: 'utf8' });
    expect(pages).toMatch(/Page size:\s+595\.\d+ x 84\d\.\d+ pts \(A4\)/);
  });

  it('the city issues the bulletin (after confirming) and reprints it from the list', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, users.longnan.username, users.longnan.password);
    await page.goto(`${stage.server.url}/laggards/bulletin`);
    await page.getByText('还没有发出过通报。').waitFor();
    await page.getByRole('button', { name: '发出通报…' }).click();
    await page.getByRole('dialog').getByText(/将以“陇南市人民政府办公室”的名义发出/).waitFor();
    await page.getByRole('button', { name: '确定发出' }).click();
    await page.locator('.bulletin__number').waitFor();
    expect(await page.locator('.bulletin__number').textContent()).toMatch(/^陇政办通〔\d{4}〕第1期$/);
    const issuedText = await page.locator('.bulletin').textContent();
    await stage.browser.shot('voice-bulletin-issued-1366');
    await page.goto(`${stage.server.url}/laggards/bulletin`);
    const link = page.getByRole('link', { name: /陇政办通〔\d{4}〕第1期/ });
    await link.waitFor();
    await stage.browser.shot('voice-bulletin-list-1366');
    await page.setViewportSize({ width: 360, height: 780 });
    await link.scrollIntoViewIfNeeded();
    await stage.browser.shot('voice-bulletin-list-360');
    await page.setViewportSize({ width: 1366, height: 860 });
    await link.click();
    await page.locator('.bulletin__number').waitFor();
    expect(await page.locator('.bulletin').textContent()).toBe(issuedText);
  });

  it('the settings page shows the area’s issuer fields, derived until set', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, users.wudu.username, users.wudu.password);
    await page.goto(`${stage.server.url}/settings`);
    const box = page.getByLabel('落款单位');
    await box.waitFor();
    expect(await box.getAttribute('placeholder')).toBe('武都区人民政府办公室');
    expect(await page.getByLabel('文号前缀').getAttribute('placeholder')).toBe('武政办');
    await page.locator('.area-voice').scrollIntoViewIfNeeded();
    await stage.browser.shot('voice-settings-1366');
    await page.getByLabel('文号前缀').fill('武政服');
    await page.getByRole('button', { name: '保存发文单位' }).click();
    await page.getByText('已保存').first().waitFor();
    await page.setViewportSize({ width: 360, height: 780 });
    await page.locator('.area-voice').scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await stage.browser.shot('voice-settings-360');
    await page.setViewportSize({ width: 1366, height: 860 });
    const office = await apiAs(stage.server.url, ADMIN.username, ADMIN.password);
    expect((await office.get(`/api/settings?area=${WUDU}`)).docPrefix).toBe('武政服');
  });
});

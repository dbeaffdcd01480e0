// The bulletin (通报) and the exports as the office prints and downloads them: a filtered
// bulletin states the totals of what it covers and names its filter; on paper (Chromium's own
// PDF) it keeps its text and tables; the board's and the units page's files download and open.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, SHOTS, checkEachPage, daysAgo, logIn, seedSteps, seedUnit, seedUser, uniqueCode, useStage } from './harness.js';

const AREA = uniqueCode('B');
let townshipTotal = 0;

const stage = useStage({
  width: 1366,
  prepare: async ({ office }) => {
    await office.put('/api/settings', { ...(await office.get('/api/settings')), signingOffice: '宕昌县人民政府办公室' });
    const tech = await seedUser(office, 'technician', '李师傅');
    const township = (name: string) => seedUnit(office, name, { kind: 'township', parentCode: AREA, contactName: '王镇长', contactPhone: '0939-5520001', assigneeId: tech.id });
    // townships: two refused wiring, one postponed twice, one untouched
    for (const [i, name] of ['哈达铺镇人民政府', '理川镇人民政府'].entries()) {
      const u = await township(name);
      await seedSteps(office, u.id, [{ type: 'wiring.refused', data: { reason: '领导不在，不让进办公室', reasonCode: 'leader_absent' }, occurredAt: daysAgo(3 + i * 5) }]);
    }
    const postponer = await township('沙湾镇人民政府');
    await seedSteps(office, postponer.id, [
      { type: 'wiring.postponed', data: { reason: '办公室装修' }, occurredAt: daysAgo(6) },
      { type: 'wiring.postponed', data: { reason: '工作繁忙' }, occurredAt: daysAgo(2) },
    ]);
    await township('官亭镇人民政府');
    townshipTotal = 4;
    // departments: one refused and stalled elsewhere, one postponed twice
    const dept = await seedUnit(office, '县教育局', { parentCode: AREA });
    await seedSteps(office, dept.id, [{ type: 'wiring.refused', data: { reason: '担心保密' }, occurredAt: daysAgo(10) }]);
    const dept2 = await seedUnit(office, '县卫生健康局', { parentCode: AREA });
    await seedSteps(office, dept2.id, [
      { type: 'wiring.postponed', data: { reason: '年底忙' }, occurredAt: daysAgo(9) },
      { type: 'wiring.postponed', data: { reason: '年底忙' }, occurredAt: daysAgo(4) },
    ]);
  },
});
checkEachPage(() => stage.browser);

const bulletinHeading = (page: Page) => page.getByRole('heading', { level: 1, name: /关于政务专网接入落后单位的通报/ });
const summaryText = (page: Page) => page.locator('.bulletin__summary').textContent();

/** The page as Chromium prints it to PDF, and its first page as a PNG to look at. */
async function printToPdf(page: Page, name: string) {
  const file = join(SHOTS, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  try {
    await page.pdf({ path: file, format: 'A4', printBackground: true });
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
  if (existsSync('/usr/bin/pdftoppm')) execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '2', file, join(SHOTS, name)]);
  return existsSync('/usr/bin/pdftotext') ? execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }) : null;
}

describe('the bulletin', () => {
  it('filtered to townships that refused wiring: the townships’ totals, the filter in its heading, one honest table, on screen and on paper', async () => {
    const { page } = stage.browser;
    await page.setViewportSize({ width: 1366, height: 860 });
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/laggards?parentCode=${AREA}`);
    await page.getByLabel('单位类型').selectOption({ label: '乡镇' });
    await page.getByLabel('问题类型').selectOption({ label: '拒绝布线' });
    await page.getByRole('link', { name: '哈达铺镇人民政府' }).waitFor();
    await page.getByRole('link', { name: '生成通报' }).click();

    await bulletinHeading(page).waitFor();
    expect(await bulletinHeading(page).textContent()).toBe(`关于政务专网接入落后单位的通报（单位类型：乡镇；上级（片区）编码：${AREA}；问题类型：拒绝布线）`);
    const summary = await stage.office.get(`/api/reports/summary?kind=township&parentCode=${AREA}`);
    expect(summary.totalUnits).toBe(townshipTotal);
    const text = (await summaryText(page))!;
    expect(text).toContain(`内纳入政务专网接入工作的单位共 ${townshipTotal} 个`);
    expect(text).toContain(`目前仍有 ${summary.laggards} 个单位进度落后`);
    expect(text).toContain('本通报列出其中符合“问题类型：拒绝布线”的 2 个单位。');
    const tables = page.getByRole('table');
    expect(await tables.count()).toBe(1);
    expect(await tables.getByRole('columnheader').allTextContents()).toEqual(['排名', '单位', '单位类型', '拒绝至今天数', '最近进展']);
    expect(await page.locator('.bulletin__issuer').textContent()).toMatch(/^宕昌县人民政府办公室\d{4}-\d{2}-\d{2}$/);
    await stage.browser.shot('bulletin-filtered-1366');

    const paper = await printToPdf(page, 'bulletin-filtered-print');
    if (paper !== null) {
      expect(paper).toContain('单位类型：乡镇');
      expect(paper).toContain('拒绝至今天数');
      expect(paper).not.toContain('生成通报');
    }

    await page.setViewportSize({ width: 360, height: 780 });
    await bulletinHeading(page).waitFor();
    // nothing wider than the phone's screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await stage.browser.shot('bulletin-filtered-360');
    await printToPdf(page, 'bulletin-filtered-print-360');
    await page.setViewportSize({ width: 1366, height: 860 });
  });

  it('unfiltered: the totals of every unit, and why the problems add up to more than the laggards', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/laggards/bulletin`);
    await bulletinHeading(page).waitFor();
    expect(await bulletinHeading(page).textContent()).toBe('关于政务专网接入落后单位的通报');
    const summary = await stage.office.get('/api/reports/summary');
    const text = (await summaryText(page))!;
    expect(text).toContain(`全县纳入政务专网接入工作的单位共 ${summary.totalUnits} 个`);
    expect(text).toContain(`目前仍有 ${summary.laggards} 个单位进度落后`);
    const headers = await page.locator('.bulletin table thead th:nth-child(4)').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['拒绝至今天数', '首次推迟至今天数']));
    expect(headers).not.toContain('逾期天数');
    await stage.browser.shot('bulletin-1366');
    await printToPdf(page, 'bulletin-print');
    await page.setViewportSize({ width: 360, height: 780 });
    await bulletinHeading(page).waitFor();
    await stage.browser.shot('bulletin-360');
    await printToPdf(page, 'bulletin-print-360');
    await page.setViewportSize({ width: 1366, height: 860 });
  });
});

describe('the board', () => {
  it('says no laggard matches the filters, and which, when a search finds nothing; the date picker stops at today', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/laggards?kind=township&q=${encodeURIComponent('不存在的单位')}`);
    await page.getByText('没有符合筛选条件的落后单位。').waitFor();
    expect(await page.getByText('筛选条件：单位类型：乡镇；名称或编码含“不存在的单位”').isVisible()).toBe(true);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(await page.getByLabel(/截至日期/).getAttribute('max')).toBe(today);
    await stage.browser.shot('laggards-empty-search-1366');
    await page.setViewportSize({ width: 360, height: 780 });
    await stage.browser.shot('laggards-empty-search-360');
    await page.setViewportSize({ width: 1366, height: 860 });
  });

  it('shows contact, phone and technician, and its Excel file downloads and opens with them', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/laggards?parentCode=${AREA}`);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: '哈达铺镇人民政府' }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('王镇长');
    expect(await row.textContent()).toContain('0939-5520001');
    expect(await row.textContent()).toContain('李师傅');
    await stage.browser.shot('laggards-contacts-1366');
    await page.setViewportSize({ width: 360, height: 780 });
    await stage.browser.shot('laggards-contacts-360');
    await page.setViewportSize({ width: 1366, height: 860 });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^落后单位-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = join(SHOTS, 'laggards-download.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const headers = sheet.getRow(2).values as unknown[];
    const rowOf = sheet.getRows(3, sheet.rowCount - 2)!.find((r) => r.getCell(headers.indexOf('单位名称')).value === '哈达铺镇人民政府')!;
    expect(rowOf.getCell(headers.indexOf('负责技术员')).value).toBe('李师傅');
  });
});

describe('the units page', () => {
  it('downloads the full list under its filters as CSV and Excel', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/units?kind=township&parentCode=${AREA}`);
    await page.getByRole('link', { name: '哈达铺镇人民政府' }).waitFor();
    await stage.browser.shot('units-export-1366');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^单位-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync(await csv.path(), 'utf8');
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0].startsWith('编码,名称,类型,上级编码,联系人,联系电话,地址,布线截止,接入截止,负责技术员')).toBe(true);
    expect(lines).toHaveLength(1 + townshipTotal);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()]);
    writeFileSync(join(SHOTS, 'units-download.xlsx'), readFileSync(await xlsx.path()));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(await xlsx.path()) as unknown as ArrayBuffer);
    expect(book.worksheets[0].rowCount).toBe(2 + townshipTotal);
  });
});

// The office imports the county's unit list from a spreadsheet: checked first, written all or nothing.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, checkEachPage, logIn, seedUnit, uniqueCode, useStage } from './harness.js';

const stage = useStage();
checkEachPage(() => stage.browser);

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');

async function openImport(page: Page) {
  await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '单位', exact: true }).click();
  await page.getByRole('link', { name: '导入单位' }).click();
  await page.getByRole('heading', { name: '导入单位', level: 1 }).waitFor();
}

async function choose(page: Page, name: string, buffer: Buffer, mimeType = 'text/csv') {
  await page.getByLabel('选择文件').setInputFiles({ name, mimeType, buffer });
}

const unitsWithCode = async (prefix: string) => (await stage.office.get(`/api/units?q=${encodeURIComponent(prefix)}&pageSize=500`)).items as { code: string; name: string; kind: string }[];

describe('importing units', () => {
  it('names the bad row before anything is written, then imports the corrected file', async () => {
    const { page } = stage.browser;
    const prefix = uniqueCode('IMP');
    const existing = await seedUnit(stage.office, '县教育局（旧名）', { code: `${prefix}-0` });
    const header = '编码,名称,类型,联系人,布线截止';
    const bad = csv([header, `${prefix}-1,红旗乡人民政府,乡镇,吴乡长,2026-12-31`, `${prefix}-2,县第一中学,学校,,`, `${prefix}-0,县教育局,部门,,`]);

    await openImport(page);
    await choose(page, 'units.csv', bad);
    await page.getByRole('button', { name: '检查文件' }).click();
    await page.getByRole('alert').filter({ hasText: '文件中有 1 处错误，未写入任何数据' }).waitFor();
    const issue = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '3', exact: true }) });
    expect(await issue.getByRole('cell').nth(1).textContent()).toBe('类型');
    expect(await page.getByRole('button', { name: '确认导入' }).count()).toBe(0);
    await stage.browser.shot('import-errors');
    // all or nothing: the good row 2 was not written either, and the existing unit kept its name
    expect((await unitsWithCode(prefix)).map((u) => [u.code, u.name])).toEqual([[existing.code, '县教育局（旧名）']]);

    const good = csv([header, `${prefix}-1,红旗乡人民政府,乡镇,吴乡长,2026-12-31`, `${prefix}-2,县第一中学,其他,,`, `${prefix}-0,县教育局,部门,,`]);
    await choose(page, 'units-fixed.csv', good);
    await page.getByRole('button', { name: '检查文件' }).click();
    await page.getByText('检查通过：将新建 2 个单位，更新 1 个单位。尚未写入任何数据。').waitFor();
    await stage.browser.shot('import-preview');
    expect(await unitsWithCode(prefix)).toHaveLength(1);

    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('导入完成：新建 2 个，更新 1 个。').waitFor();
    const units = await unitsWithCode(prefix);
    expect(units.map((u) => [u.code, u.name, u.kind]).sort()).toEqual([
      [`${prefix}-0`, '县教育局', 'department'],
      [`${prefix}-1`, '红旗乡人民政府', 'township'],
      [`${prefix}-2`, '县第一中学', 'other'],
    ]);
  });

  it('says in Chinese what a bad cell should hold', async () => {
    const { page } = stage.browser;
    const prefix = uniqueCode('IMQ');
    await openImport(page);
    await choose(page, 'units.csv', csv(['编码,名称,类型', `${prefix}-1,县第二中学,学校`]));
    await page.getByRole('button', { name: '检查文件' }).click();
    const issue = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '2', exact: true }) });
    await issue.waitFor();
    expect(await issue.getByRole('cell').nth(2).textContent()).toMatch(/乡镇.*部门.*其他/);
  });

  it('refuses a file that is neither CSV nor Excel before sending it', async () => {
    const { page } = stage.browser;
    await openImport(page);
    await choose(page, 'units.txt', Buffer.from('编码,名称,类型\n'), 'text/plain');
    await page.getByText('只支持 .csv 和 .xlsx 文件。').waitFor();
    expect(await page.getByRole('button', { name: '检查文件' }).isDisabled()).toBe(true);
  });

  it('shows, per updated unit, what changes from old to new, the ignored columns and the names to confirm, before anything is written', async () => {
    const { page } = stage.browser;
    const prefix = uniqueCode('IMC');
    await seedUnit(stage.office, '县教育局', { code: `${prefix}-1`, contactName: '李四', contactPhone: '0939-5521234' });
    await seedUnit(stage.office, '县人民医院', { code: `${prefix}-2`, address: '城关镇新街1号' });
    await seedUnit(stage.office, '县财政局', { code: `${prefix}-9` });
    const file = csv([
      '单位编码,单位名称,类型,负责人,电话,地址,备注',
      `${prefix}-1,县教育体育局,部门,王五,,,合并后改名`,
      `${prefix}-2,县人民医院,部门,,,（清空）,`,
      `${prefix}-3,县财政局,其他,,,,新建`,
    ]);
    await page.setViewportSize({ width: 1366, height: 900 });
    await openImport(page);
    await page.getByRole('link', { name: 'CSV 模板' }).waitFor();
    await choose(page, 'units.csv', file);
    await page.getByRole('button', { name: '检查文件' }).click();
    await page.getByText('检查通过：将新建 1 个单位，更新 2 个单位。尚未写入任何数据。').waitFor();
    await page.getByText('以下列不会导入：备注').waitFor();
    const change = (line: string) => page.getByRole('listitem', { name: line, exact: true });
    await change('名称：县教育局 改为 县教育体育局').waitFor();
    await change('联系人：李四 改为 王五').waitFor();
    await change('地址：城关镇新街1号 改为 （空）').waitFor();
    // a blank 电话 keeps the stored number: it is no change
    expect(await page.getByRole('listitem', { name: /^联系电话/ }).count()).toBe(0);
    // a second 县财政局 is not a warning: the row waits for its own confirmation (docs/import.md)
    await page.getByText('同名单位：请逐条确认').waitFor();
    await page.getByText('表头：第 1 行。').waitFor();
    const tick = page.getByRole('checkbox', { name: '确认第 4 行“县财政局”是另一单位' });
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await tick.check();
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(false);
    await stage.browser.shot('import-preview-changes-1366');
    await page.setViewportSize({ width: 360, height: 780 });
    await stage.browser.shot('import-preview-changes-360');
    await page.setViewportSize({ width: 1280, height: 860 });
    expect((await unitsWithCode(prefix)).map((u) => u.name).sort()).toEqual(['县人民医院', '县教育局', '县财政局']);
  });
});

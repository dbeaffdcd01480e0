// Urging notices (催办) in the browser: the office urges, prints one notice per A4 page, the
// unit's contact reads the problems in words and answers, the office sees the answer.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, SHOTS, checkEachPage, logIn, seedSteps, seedUnit, seedUser, useStage } from './harness.js';

const stage = useStage({ width: 1366 });
checkEachPage(() => stage.browser);

const hasPoppler = existsSync('/usr/bin/pdfinfo') && existsSync('/usr/bin/pdftotext');

describe('urging notices', () => {
  it('the office urges a refusing unit, prints the notice, the contact answers, the office sees the answer', async () => {
    const { page } = stage.browser;
    const unit = await seedUnit(stage.office, '县市场监督管理局', { kind: 'department' });
    await seedSteps(stage.office, unit.id, [{ type: 'wiring.refused', data: { reason: '领导不在，不让进办公室' } }]);
    const contact = await seedUser(stage.office, 'unit', '市场监管局联络员', unit.id);

    // the office, from the unit's page
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/units/${unit.id}`);
    await page.getByRole('heading', { name: /县市场监督管理局/, level: 1 }).waitFor();
    await page.getByRole('button', { name: '发催办通知' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/附言/).fill('联系人：县政府办 张科长');
    await dialog.getByRole('button', { name: '发出催办通知' }).click();
    await dialog.getByText(/已向 县市场监督管理局 发出 催办〔\d{4}〕第 \d+ 号/).waitFor();
    await dialog.getByRole('link', { name: '打印通知单' }).click();
    await page.getByRole('heading', { name: '催办通知单', level: 1 }).waitFor();
    await page.getByText('今天拒绝电信技术人员进入办公室布线').waitFor();
    await stage.browser.shot('notice-print-1366');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const file = join(SHOTS, 'notice-one.pdf');
    writeFileSync(file, pdf);
    if (hasPoppler) {
      expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Pages:\s+1\b/);
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
      expect(text).toContain('催办通知单');
      expect(text).toContain('县市场监督管理局');
      expect(text).toContain('盖章');
    }

    // the unit's contact, on its own page
    await logIn(page, stage.server.url, contact.username, contact.password);
    await page.getByRole('heading', { name: /县市场监督管理局/, level: 1 }).waitFor();
    const card = page.locator('.notice-card').first();
    await card.getByText('今天拒绝电信技术人员进入办公室布线').waitFor();
    await card.getByText('立即安排专人配合电信技术人员进场，尽快完成布线').waitFor();
    await card.getByLabel(/答复整改情况/).fill('已安排下周一布线');
    await card.getByRole('button', { name: '提交答复' }).click();
    await card.getByText('已答复').waitFor();
    await stage.browser.shot('notice-answered-unit');

    // the office sees the answer in the list
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/notices`);
    await page.getByRole('heading', { name: '催办通知', level: 1 }).waitFor();
    await page.getByRole('tab', { name: /已答复（1）/ }).click();
    await page.getByText('“已安排下周一布线”').waitFor();
    await stage.browser.shot('notices-list-1366');
  });

  it('prints a batch one notice per page, and lists at 360 px', async () => {
    const { page } = stage.browser;
    const names = ['县教育局', '县民政局', '县司法局'];
    for (const name of names) {
      const u = await seedUnit(stage.office, name, { kind: 'department', parentCode: 'BATCH-A' });
      await seedSteps(stage.office, u.id, [{ type: 'wiring.refused', data: { reason: '担心保密' } }]);
    }
    const batch = await stage.office.post('/api/notices/batch', { parentCode: 'BATCH-A', expected: 3 });
    expect(batch.created).toBe(3);
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/notices/print?batchId=${batch.batchId}`);
    await expect.poll(() => page.locator('.notice-sheet').count()).toBe(3);
    const file = join(SHOTS, 'notice-batch.pdf');
    writeFileSync(file, await page.pdf({ format: 'A4' }));
    if (hasPoppler) {
      expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Pages:\s+3\b/);
      const pages = execFileSync('pdftotext', ['-layout', file, '-']).toString().split('\f').filter((p) => p.trim());
      expect(pages).toHaveLength(3);
      names.forEach((name) => expect(pages.filter((p) => p.includes(name))).toHaveLength(1));
    }
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(`${stage.server.url}/notices`);
    await page.getByRole('heading', { name: '催办通知', level: 1 }).waitFor();
    await stage.browser.shot('notices-list-360');
    await page.setViewportSize({ width: 1366, height: 860 });
  });
  it('the office urges every laggard of the filtered board at once, after a confirmation that says how many', async () => {
    const { page } = stage.browser;
    for (const name of ['县水务局', '县林业和草原局']) {
      const u = await seedUnit(stage.office, name, { kind: 'department', parentCode: 'BOARD-B' });
      await seedSteps(stage.office, u.id, [{ type: 'wiring.refused', data: { reason: '担心保密' } }]);
    }
    await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${stage.server.url}/laggards?parentCode=BOARD-B`);
    await page.getByRole('link', { name: '县水务局' }).waitFor();
    await page.getByRole('button', { name: '批量催办' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('将向 2 个单位各发出一份催办通知。').waitFor();
    await stage.browser.shot('notices-batch-confirm');
    await dialog.getByRole('button', { name: '确认发出 2 份' }).click();
    await dialog.getByText('已发出 2 份催办通知。').waitFor();
    await dialog.getByRole('button', { name: '关闭' }).click();
    // each row says it was urged; "nothing moved since" waits for the next day (nobody could have acted yet)
    await expect.poll(() => page.locator('tbody').getByText(/^催办 1 次/).count()).toBe(2);
    expect(await page.locator('tbody').getByText('催办后无进展', { exact: true }).count()).toBe(0);
    await page.goto(`${stage.server.url}/laggards?parentCode=BOARD-B&urged=no_progress`);
    await page.getByRole('link', { name: '县林业和草原局' }).waitFor();
    await stage.browser.shot('laggards-urged-1366');
  });
});

// The laggard board's contacts at 1366 px and on a 360 px phone (issue 27): a contact's name and
// phone sit on one line, never one character per line beside a long unit name.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, SHOTS, type Api, daysAgo, logIn, seedSteps, seedUnit, uniqueCode, useStage } from './harness.js';

const LONG_NAME = '宕昌县人力资源和社会保障局劳动保障监察大队城关镇哈达铺镇联合工作站办公室';

const stage = useStage({
  width: 1366,
  height: 900,
  prepare: async ({ office }) => {
    const unit = await seedUnit(office, LONG_NAME, { code: uniqueCode('CL'), contactName: '欧阳建国', contactPhone: '13909391234' });
    await seedSteps(office, unit.id, [{ type: 'wiring.refused', data: { reason: '领导不在', reasonCode: 'leader_absent' }, occurredAt: daysAgo(12) }]);
    await seedOthers(office);
  },
});

const lines = (page: Page, text: string) =>
  page.$$eval('td', (cells, wanted) => {
    const cell = cells.find((c) => c.textContent?.trim() === wanted)!;
    const range = document.createRange();
    range.selectNodeContents(cell);
    // the text's height in lines (a flex cell on the phone may split its rects without wrapping)
    const lineHeight = parseFloat(getComputedStyle(cell).lineHeight) || 24;
    return Math.round(range.getBoundingClientRect().height / lineHeight);
  }, text);

describe('the board\'s contacts', () => {
  for (const width of [1366, 360]) {
    it(`stay on one line at ${width} px`, async () => {
      const { page } = stage.browser;
      await page.setViewportSize({ width, height: width < 600 ? 780 : 900 });
      await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
      await page.goto(`${stage.server.url}/laggards`);
      await page.getByText('欧阳建国').first().waitFor();
      await page.screenshot({ path: `${SHOTS}/board-contacts-${width}.png`, fullPage: true });
      expect(await lines(page, '欧阳建国')).toBe(1);
      expect(await lines(page, '13909391234')).toBe(1);
    });
  }
});

// Every other table that shows a contact, a phone or a person's name, at 1366 px and on a 360 px
// phone: no cell's text stands one character per line, and on the phone a table wider than the
// screen scrolls inside its own box instead of widening the page.
let trainingId = '';
const IMPORT_CSV = Buffer.from(
  `\uFEFF编码,名称,类型,联系人,联系电话,布线截止\r\n${uniqueCode('IM')},${LONG_NAME}二所,部门,司马相如,13909395678,2026-12-31\r\n`,
  'utf8',
);

const seedOthers = async (office: Api) => {
  const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await seedUnit(office, `${LONG_NAME}分部`, { code: uniqueCode('CD'), contactName: '诸葛孔明', contactPhone: '13909390001', wiringDue: soon });
  const queued = await seedUnit(office, `${LONG_NAME}三部`, { code: '621223103', kind: 'township', contactName: '上官婉儿', contactPhone: '13909390002' });
  await seedSteps(office, queued.id, [
    { type: 'wiring.completed', occurredAt: daysAgo(7) },
    { type: 'connection.completed', occurredAt: daysAgo(6) },
    { type: 'registration.submitted', data: { platformRef: 'SQ-2026-088' }, occurredAt: daysAgo(5) },
  ]);
  const urged = await seedUnit(office, `${LONG_NAME}四部`, { code: '621223104', kind: 'township', contactName: '东方明珠', contactPhone: '13909390003' });
  await seedSteps(office, urged.id, [{ type: 'wiring.refused', data: { reason: '领导不在', reasonCode: 'leader_absent' } }]);
  await office.post(`/api/units/${urged.id}/notices`, {});
  await office.post('/api/users', { username: uniqueCode('tech').toLowerCase(), displayName: '欧阳修远', role: 'technician', password: 'pass-word-123', phone: '13909390004' });
  const now = Date.now();
  trainingId = ((await office.post('/api/trainings', {
    title: '政务专网与办公自动化培训',
    topics: ['network'],
    organiser: '县电信局',
    trainer: '省通信管理局专家',
    venue: '县政府三楼会议室',
    startsAt: new Date(now - 10 * 60_000).toISOString(),
    endsAt: new Date(now + 2 * 3600_000).toISOString(),
    required: { unitIds: [urged.id, queued.id] },
  })) as { training: { id: string } }).training.id;
};

/**
 * cells whose text stands a character or two per line: two lines or more, at most 2.5 characters a
 * line on average (a line the markup starts itself, a <br> or a block inside the cell, is no wrap)
 */
const perCharacterCells = (page: Page) =>
  page.$$eval('table th, table td', (cells) =>
    cells.flatMap((cell) => {
      const text = cell.textContent?.trim() ?? '';
      // a phone's card rows keep their headings only for screen readers (clipped to 1 px): not seen, not wrapped
      if (text.length < 2 || (cell as HTMLElement).offsetParent === null || (cell.closest('thead')?.getBoundingClientRect().width ?? 99) <= 2) return [];
      const range = document.createRange();
      range.selectNodeContents(cell);
      const box = range.getBoundingClientRect();
      const style = getComputedStyle(cell);
      const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
      const designed = [...cell.querySelectorAll('*')].filter((el) => el.tagName === 'BR' || getComputedStyle(el).display === 'block').length;
      const lineCount = Math.round(box.height / lineHeight) - designed;
      return lineCount >= 2 && text.length / lineCount <= 2.5 ? [`${text} (${lineCount} lines, ${Math.round(box.width)} px)`] : [];
    }),
  );

/** what widens the page: its own width past the screen, or a table wider than its box with no scroll of its own */
const overflowing = (page: Page) =>
  page.evaluate(() => {
    const wide = document.documentElement.scrollWidth > window.innerWidth + 1 ? [`page ${document.documentElement.scrollWidth} px`] : [];
    const tables = [...document.querySelectorAll('table')].flatMap((table) => {
      const parent = table.parentElement!;
      if (table.offsetParent === null || table.getBoundingClientRect().width <= parent.clientWidth + 1) return [];
      for (let el: HTMLElement | null = parent; el && el !== document.body; el = el.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(el).overflowX)) return [];
      }
      return [`table ${Math.round(table.getBoundingClientRect().width)} px in ${parent.clientWidth} px with no scroll`];
    });
    return [...wide, ...tables];
  });

const PAGES: { name: string; open: (page: Page, base: string) => Promise<void> }[] = [
  { name: 'units', open: async (page, base) => { await page.goto(`${base}/units`); await page.getByText(LONG_NAME, { exact: true }).first().waitFor(); } },
  { name: 'users', open: async (page, base) => { await page.goto(`${base}/users`); await page.getByText('欧阳修远').first().waitFor(); } },
  { name: 'notices', open: async (page, base) => { await page.goto(`${base}/notices`); await page.getByText(`${LONG_NAME}四部`).first().waitFor(); } },
  { name: 'training', open: async (page, base) => { await page.goto(`${base}/trainings/${trainingId}`); await page.getByText(`${LONG_NAME}三部`).first().waitFor(); } },
  { name: 'overview', open: async (page, base) => { await page.goto(`${base}/overview`); await page.getByText('已等待 5 天').first().waitFor(); await page.locator('table').last().waitFor(); } },
  { name: 'due-soon', open: async (page, base) => { await page.goto(`${base}/laggards/due-soon`); await page.getByText(`${LONG_NAME}分部`).first().waitFor(); } },
  {
    name: 'import',
    open: async (page, base) => {
      await page.goto(`${base}/units/import`);
      await page.getByLabel('选择文件').setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: IMPORT_CSV });
      await page.getByRole('button', { name: '检查文件' }).click();
      await page.getByText(/检查通过/).first().waitFor();
    },
  },
];

describe('every table with contacts', () => {
  for (const width of [1366, 360]) {
    for (const { name, open } of PAGES) {
      it(`${name}: no cell one character per line, nothing widens the page at ${width} px`, async () => {
        const { page } = stage.browser;
        await page.setViewportSize({ width, height: width < 600 ? 780 : 900 });
        await logIn(page, stage.server.url, ADMIN.username, ADMIN.password);
        await open(page, stage.server.url);
        await page.screenshot({ path: `${SHOTS}/contacts-${name}-${width}.png`, fullPage: true });
        expect(await perCharacterCells(page)).toEqual([]);
        if (width < 600) expect(await overflowing(page)).toEqual([]);
      });
    }
  }
});

// The laggard board's contacts at 1366 px and on a 360 px phone (issue 27): a contact's name and
// phone sit on one line, never one character per line beside a long unit name.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, SHOTS, daysAgo, logIn, seedSteps, seedUnit, uniqueCode, useStage } from './harness.js';

const LONG_NAME = '宕昌县人力资源和社会保障局劳动保障监察大队城关镇哈达铺镇联合工作站办公室';

const stage = useStage({
  width: 1366,
  height: 900,
  prepare: async ({ office }) => {
    const unit = await seedUnit(office, LONG_NAME, { code: uniqueCode('CL'), contactName: '欧阳建国', contactPhone: '13909391234' });
    await seedSteps(office, unit.id, [{ type: 'wiring.refused', data: { reason: '领导不在', reasonCode: 'leader_absent' }, occurredAt: daysAgo(12) }]);
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

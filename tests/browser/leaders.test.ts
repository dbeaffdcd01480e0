// A leader's first screen (issue 26, 4): on a 360 × 740 phone the scope's completion rate, the
// laggards with the week's change, the five worst units and the child areas' ranking are all
// above the fold; the laggard cards stay short.
import type { Locator } from 'playwright-core';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEachPage, daysAgo, logIn, seedSteps, seedUnit, SHOTS, uniqueCode, useStage } from './harness.js';

const WIDTH = 360;
const HEIGHT = 740;
const COUNTIES = ['621202', '621221', '621222', '621223', '621224', '621225', '621226', '621227', '621228'];
let leader: { username: string; password: string };

const stage = useStage({
  width: WIDTH,
  height: HEIGHT,
  prepare: async ({ office }) => {
    // the city's secretary-general: a viewer over 陇南市
    const username = uniqueCode('leader').toLowerCase();
    const password = 'pass-word-123';
    await office.post('/api/users', { username, displayName: '陇南市政府秘书长', role: 'viewer', password, scope: '6212' });
    leader = { username, password };
    // in each county one unit onboarded, and in some laggards that refused the wiring
    for (const [i, areaCode] of COUNTIES.entries()) {
      const done = await seedUnit(office, `${areaCode}已完成单位`, { areaCode });
      await seedSteps(office, done.id, ['wiring.completed', 'connection.completed', 'registration.submitted', 'registration.verified'].map((type) => ({ type, occurredAt: daysAgo(i % 2 ? 2 : 9), ...(type === 'registration.submitted' ? { data: { platformRef: 'SQ-1' } } : {}) })));
      for (let n = 0; n < (i % 3) + 1; n++) {
        const late = await seedUnit(office, `${areaCode}某某乡人民政府第${n}号单位`, { areaCode });
        await seedSteps(office, late.id, [{ type: 'wiring.refused', data: { reason: '领导不在', reasonCode: 'leader_absent' }, occurredAt: daysAgo(3 + n) }]);
      }
    }
  },
});
checkEachPage(() => stage.browser);

const inViewport = async (l: Locator) => {
  const box = await l.boundingBox();
  expect(box, 'on the page').not.toBeNull();
  return box!.y >= 0 && box!.y + box!.height <= HEIGHT && box!.x >= 0 && box!.x + box!.width <= WIDTH;
};

describe('a leader on a phone', () => {
  it('sees the rate, the laggards and their change, the five worst and the counties\' ranking without scrolling', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, leader.username, leader.password);
    await page.getByRole('heading', { name: '总览', level: 1 }).waitFor();
    const rate = page.getByTestId('brief-rate');
    const laggards = page.getByTestId('brief-laggards');
    await expect.poll(() => laggards.textContent()).toContain('较上周');
    const worst = page.getByTestId('brief-worst').getByRole('listitem');
    await expect.poll(() => worst.count()).toBe(5);
    const ranking = page.getByTestId('brief-ranking').getByRole('listitem');
    await expect.poll(() => ranking.count()).toBe(COUNTIES.length);
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await inViewport(rate)).toBe(true);
    expect(await inViewport(laggards)).toBe(true);
    for (let i = 0; i < 5; i++) expect(await inViewport(worst.nth(i)), `worst ${i + 1}`).toBe(true);
    for (let i = 0; i < COUNTIES.length; i++) expect(await inViewport(ranking.nth(i)), `rank ${i + 1}`).toBe(true);
    // each worst unit on one line, its problem beside it
    for (let i = 0; i < 5; i++) expect((await worst.nth(i).boundingBox())!.height).toBeLessThan(30);
    expect(await worst.first().textContent()).toContain('拒绝布线');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    await page.screenshot({ path: join(SHOTS, 'leader-360x740.png') });
  });

  it('reads the laggard board as short cards', async () => {
    const { page } = stage.browser;
    await page.goto(`${stage.server.url}/laggards`);
    const rows = page.locator('table.laggard-table tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    const heights = await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThanOrEqual(120);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    await page.screenshot({ path: join(SHOTS, 'leader-board-360x740.png') });
  });

  it('on a desk at 1366 px, the brief sits above the full roll-up table with its 较上周 column', async () => {
    const { page } = stage.browser;
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${stage.server.url}/overview`);
    await page.getByTestId('brief-ranking').waitFor();
    await page.getByRole('columnheader', { name: '较上周' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: join(SHOTS, 'leader-overview-1366.png'), fullPage: true });
    await page.setViewportSize({ width: WIDTH, height: HEIGHT });
  });
});

// Areas in the browser: a city office drills 陇南市 → 宕昌县 → a unit and back up by the
// breadcrumb; a county office sees only its county; the overview at 360 px.
import { describe, expect, it } from 'vitest';
import { checkEachPage, daysAgo, logIn, openBrowser, seedSteps, seedUnit, CONNECTED, type SeededUser, useStage } from './harness.js';

let city: SeededUser;
let county: SeededUser;
let outside: string;

const stage = useStage({
  prepare: async ({ office }) => {
    // two counties of 陇南市, placed by their townships' codes as the server places them
    const hadapu = await seedUnit(office, '哈达铺镇人民政府', { code: '621223100', kind: 'township' });
    await seedUnit(office, '理川镇人民政府', { code: '621223101', kind: 'township' });
    const anhua = await seedUnit(office, '安化镇人民政府', { code: '621202100', kind: 'township' });
    await seedSteps(office, anhua.id, CONNECTED);
    await seedSteps(office, hadapu.id, [{ type: 'wiring.completed' }]);
    // a laggard of 宕昌县 for the board
    const shawan = await seedUnit(office, '沙湾镇人民政府', { code: '621223102', kind: 'township' });
    await seedSteps(office, shawan.id, [{ type: 'wiring.refused', data: { reason: '领导不在，不让进办公室', reasonCode: 'leader_absent' }, occurredAt: daysAgo(6) }]);
    outside = anhua.id;
    const make = async (username: string, displayName: string, scope: string) => {
      const password = 'pass-word-123';
      const { user } = await office.post('/api/users', { username, displayName, role: 'office', password, scope });
      return { id: user.id, username, password, displayName };
    };
    city = await make('longnan', '陇南市政府办', '6212');
    county = await make('tanchang', '宕昌县政府办', '621223');
  },
});
checkEachPage(() => stage.browser);

describe('areas', () => {
  it('a city office drills from its city to a county, to a unit, and back up', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, city.username, city.password);
    await page.goto(`${stage.server.url}/overview`);
    const cityTable = page.getByRole('table', { name: '甘肃省陇南市各地完成情况' });
    await cityTable.waitFor();
    // ranked by the server's rule (ROLLUP_RANK): 武都区 first
    const rows = cityTable.getByRole('row');
    await expect.poll(() => rows.nth(1).getByRole('rowheader').textContent()).toBe('武都区');
    await stage.browser.shot('areas-city-1280');

    await cityTable.getByRole('button', { name: '宕昌县' }).click();
    const countyTable = page.getByRole('table', { name: '甘肃省陇南市宕昌县各类单位完成情况' });
    await countyTable.waitFor();
    expect(new URL(page.url()).search).toBe('?area=621223');
    await countyTable.getByRole('button', { name: '乡镇' }).click();
    await page.getByRole('link', { name: '哈达铺镇人民政府' }).click();
    await page.getByRole('heading', { name: '哈达铺镇人民政府', level: 1 }).waitFor();

    await page.goBack();
    await page.goBack();
    await countyTable.waitFor();
    const crumbs = page.getByRole('navigation', { name: '所在地区' });
    expect(await crumbs.getByRole('listitem').allTextContents()).toEqual(['陇南市', '宕昌县']);
    await crumbs.getByRole('button', { name: '陇南市' }).click();
    await cityTable.waitFor();
  });

  it('a city office opens the board of the county it drilled into, a unit from it, and ← 返回 keeps the county', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, city.username, city.password);
    await page.goto(`${stage.server.url}/overview?area=621223`);
    await page.getByRole('link', { name: '查看本地区落后单位' }).click();
    const here = () => new URL(page.url()).pathname + new URL(page.url()).search;
    await expect.poll(here).toBe('/laggards?area=621223');
    await page.getByRole('link', { name: '沙湾镇人民政府' }).first().click();
    await page.getByRole('heading', { name: '沙湾镇人民政府', level: 1 }).waitFor();
    await page.getByRole('link', { name: /返回/ }).first().click();
    await expect.poll(here).toBe('/laggards?area=621223');
    await page.getByRole('link', { name: '沙湾镇人民政府' }).first().waitFor();
  });

  it('a county office sees its own county only', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, county.username, county.password);
    await page.goto(`${stage.server.url}/units`);
    await page.getByRole('link', { name: '哈达铺镇人民政府' }).waitFor();
    expect(await page.getByRole('link', { name: '安化镇人民政府' }).count()).toBe(0);
    // another county's overview is not its to see
    await page.goto(`${stage.server.url}/overview?area=621202`);
    await page.getByText('该地区不在您的管辖范围内，或不存在。').waitFor();
    // nor does another county's unit exist for it, even by its address
    await page.goto(`${stage.server.url}/units/${outside}`);
    await page.getByText(/找不到|不存在/).first().waitFor();
    expect(await page.getByText('安化镇人民政府').count()).toBe(0);
  });

  it('the city overview on a phone, 360 px wide', async () => {
    const phone = await openBrowser({ width: 360, height: 740 });
    try {
      await logIn(phone.page, stage.server.url, city.username, city.password);
      await phone.page.goto(`${stage.server.url}/overview`);
      await phone.page.getByRole('table', { name: '甘肃省陇南市各地完成情况' }).waitFor();
      // the page itself does not scroll sideways: the table scrolls in its box
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.page.locator('.area-overview canvas').first().waitFor();
      await phone.shot('areas-city-360');
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});

// 督办 and the batch that says what it leaves out, in the browser: 陇南市's office opens the batch
// dialog (default: press its counties), switches to urging units and sees the skipped ones with
// their reasons, ticks one back in, then presses its counties; 宕昌县's office answers the 督办 in
// its list. Screens at 1366 and 360 px.
import { describe, expect, it } from 'vitest';
import { checkEachPage, logIn, openBrowser, seedSteps, seedUnit, type SeededUser, useStage } from './harness.js';

let city: SeededUser;
let county: SeededUser;

const stage = useStage({
  width: 1366,
  prepare: async ({ office }) => {
    const refuse = async (name: string, code: string) => {
      const unit = await seedUnit(office, name, { code, kind: 'township' });
      await seedSteps(office, unit.id, [{ type: 'wiring.refused', data: { reason: '领导不在，不让进办公室', reasonCode: 'leader_absent' } }]);
      return unit;
    };
    const shawan = await refuse('沙湾镇人民政府', '621223102');
    await refuse('理川镇人民政府', '621223101');
    const anhua = await refuse('安化镇人民政府', '621202100');
    // 沙湾镇: urged and withdrawn today (经研究暂缓催办); 安化镇: urged today, not answered
    const { notice } = await office.post(`/api/units/${shawan.id}/notices`, {});
    await office.post(`/api/notices/${notice.id}/withdraw`, { reason: '经研究暂缓催办' });
    await office.post(`/api/units/${anhua.id}/notices`, {});
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

describe('督办 and skipped units', () => {
  it('the city’s batch dialog presses its counties by default, and lists the units it would leave out', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, city.username, city.password);
    await page.goto(`${stage.server.url}/laggards`);
    await page.getByRole('button', { name: '批量催办' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('radio', { name: /督办下级地区/ }).isChecked()).toBe(true);
    await dialog.getByText('将向 2 个下级地区各发出一份督办通知。').waitFor();

    await dialog.getByRole('radio', { name: /直接催办单位/ }).check();
    await dialog.getByText('不发出的单位（2 个）').waitFor();
    await dialog.getByText('近 14 天内撤回过催办通知').waitFor();
    await dialog.getByText('今天已催办，尚未答复').waitFor();
    await dialog.getByText('将向 1 个单位各发出一份催办通知。').waitFor();
    await stage.browser.shot('dubang-batch-skipped-1366');
    await dialog.getByRole('checkbox', { name: /沙湾镇人民政府/ }).check();
    await dialog.getByRole('button', { name: '确认发出 2 份' }).waitFor();

    await dialog.getByRole('radio', { name: /督办下级地区/ }).check();
    await dialog.getByRole('button', { name: '确认发出 2 份' }).click();
    await dialog.getByText('已发出 2 份督办通知。').waitFor();
    await dialog.getByRole('button', { name: '关闭' }).click();

    await page.goto(`${stage.server.url}/notices?target=area`);
    await page.getByRole('cell', { name: /宕昌县/ }).first().waitFor();
    await page.getByText(/发出时落后单位 2 个/).waitFor();
    await stage.browser.shot('dubang-list-city-1366');
  });

  it('宕昌县’s office answers the 督办 from its list; the print is a 督办通知 to its office', async () => {
    const { page } = stage.browser;
    await logIn(page, stage.server.url, county.username, county.password);
    await page.goto(`${stage.server.url}/notices?target=area`);
    await page.getByRole('button', { name: '答复督办' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/督办落实情况/).fill('已约谈沙湾镇、理川镇负责人，本周内配合布线');
    await dialog.getByRole('button', { name: '提交答复' }).click();
    await page.getByText('“已约谈沙湾镇、理川镇负责人，本周内配合布线”').waitFor();
    // 武都区's 督办 is not in 宕昌县's list
    expect(await page.getByText('武都区').count()).toBe(0);
    await stage.browser.shot('dubang-list-county-1366');
    await page.getByRole('link', { name: '打印通知单' }).first().click();
    await page.getByRole('heading', { name: '督办通知', level: 1 }).waitFor();
    await page.getByText('宕昌县人民政府办公室：').waitFor();
    await stage.browser.shot('dubang-print-1366');
  });

  it('on a phone, 360 px: the batch dialog with its skipped units and the 督办 list fit the width', async () => {
    const phone = await openBrowser({ width: 360, height: 740 });
    try {
      await logIn(phone.page, stage.server.url, city.username, city.password);
      await phone.page.goto(`${stage.server.url}/laggards`);
      await phone.page.getByRole('button', { name: '批量催办' }).click();
      const dialog = phone.page.getByRole('dialog');
      await dialog.getByRole('radio', { name: /直接催办单位/ }).check();
      await dialog.getByText('近 14 天内撤回过催办通知').waitFor();
      await phone.shot('dubang-batch-skipped-360');
      await dialog.getByRole('button', { name: '取消' }).click();
      await phone.page.goto(`${stage.server.url}/notices?target=area`);
      await phone.page.getByText(/发出时落后单位/).first().waitFor();
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.shot('dubang-list-360');
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});

// "The record" in the browser: a step logged offline, then overtaken by a later step the office
// recorded, is refused when it syncs (field time only moves forward); the outbox says why in
// Chinese and lets the technician set the real time and resend it (360 px). The review queue,
// 待审核 with waiting days, on the overview (1366 px).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, daysAgo, logIn, openBrowser, useStage } from './harness.js';

const TECH = { username: 'tech-wang', password: 'tech-pass-123', displayName: '王师傅' };
const unit = { id: '', name: '城关镇人民政府' };
let waiting = { id: '', name: '理川镇人民政府' };

const stage = useStage({
  width: 360, height: 740,
  prepare: async ({ office }) => {
    const { user } = await office.post('/api/users', { ...TECH, role: 'technician' });
    unit.id = (await office.post('/api/units', { code: 'R-A', name: unit.name, kind: 'township' })).unit.id;
    await office.post('/api/units/assign', { technicianId: user.id, unitIds: [unit.id] });
    waiting = (await office.post('/api/units', { code: 'R-B', name: waiting.name, kind: 'township' })).unit;
    for (const [type, days, data] of [['wiring.completed', 7, {}], ['connection.completed', 6, {}], ['registration.submitted', 5, { platformRef: 'SQ-2026-088' }]] as const) {
      await office.post(`/api/units/${waiting.id}/events`, { type, occurredAt: daysAgo(days), data });
    }
  },
});

const card = (page: Page) => page.locator('li.field-card', { has: page.getByRole('heading', { name: unit.name }) });

describe('the record', () => {
  it('shows a step refused for its time in the outbox, in Chinese, and resends it with the time corrected (360 px)', async () => {
    const { page, context } = stage.browser;
    await logIn(page, stage.server.url, TECH.username, TECH.password);
    await expect.poll(() => card(page).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await context.setOffline(true);
    await card(page).getByRole('button', { name: '开始布线', exact: true }).click();
    await card(page).getByRole('button', { name: /保存到本机|发送/ }).click();
    await expect.poll(() => card(page).getByText(/已保存在本机/).isVisible()).toBe(true);
    // meanwhile the office records a later step: the technician's is now dated before it
    await new Promise((r) => setTimeout(r, 1200));
    await stage.office.post(`/api/units/${unit.id}/events`, { type: 'wiring.postponed', data: { reason: '办公室装修' } });
    await context.setOffline(false);
    await page.goto(`${stage.server.url}/outbox`);
    await expect.poll(() => page.getByText(/现场时间只能向前/).first().isVisible(), { timeout: 20_000 }).toBe(true);
    await stage.browser.shot('record-outbox-refused-360');
    const form = page.getByRole('form', { name: '修改发生时间后重新发送' }).first();
    expect(await form.isVisible()).toBe(true);
    await form.getByRole('button', { name: '改时间重新发送' }).click();
    await expect.poll(async () => {
      const res = await stage.office.get(`/api/units/${unit.id}/events`);
      return res.items.map((s: { type: string }) => s.type);
    }, { timeout: 20_000 }).toEqual(['wiring.postponed', 'wiring.started']);
    await stage.browser.shot('record-outbox-resent-360');
  });

  it('shows the office its review queue with waiting days on the overview (1366 px)', async () => {
    const wide = await openBrowser({ width: 1366, height: 900 });
    try {
      await logIn(wide.page, stage.server.url, ADMIN.username, ADMIN.password);
      await wide.page.goto(`${stage.server.url}/`);
      await expect.poll(() => wide.page.getByRole('heading', { name: /待审核的申报/ }).isVisible(), { timeout: 20_000 }).toBe(true);
      await expect.poll(() => wide.page.getByText('已等待 5 天').first().isVisible()).toBe(true);
      await wide.shot('record-review-queue-1366');
    } finally {
      await wide.close();
    }
  });
});

// A technician in a basement: the app opens without a network once visited, steps logged
// offline wait on the device and are recorded exactly once, with the time they were logged,
// when the connection returns; a step the rules refuse meanwhile is shown as refused, once.
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { logIn, useStage } from './harness.js';

const TECH = { username: 'tech-li', password: 'tech-pass-123', displayName: '李师傅' };

const units: Record<string, { id: string; name: string }> = {};

const stage = useStage({
  width: 360, height: 740,
  prepare: async ({ office }) => {
    const { user } = await office.post('/api/users', { ...TECH, role: 'technician' });
    for (const [key, code, name] of [['a', 'T-A', '城关镇人民政府'], ['b', 'T-B', '县农业农村局'], ['c', 'T-C', '县档案馆'], ['d', 'T-D', '县气象局']]) {
      const { unit } = await office.post('/api/units', { code, name, kind: 'department' });
      units[key] = unit;
    }
    await office.post('/api/units/assign', { technicianId: user.id, unitIds: Object.values(units).map((u) => u.id) });
  },
});

const card = (page: Page, name: string) => page.locator('li.field-card', { has: page.getByRole('heading', { name }) });

async function logStep(page: Page, unit: string, step: string) {
  await card(page, unit).getByRole('button', { name: step, exact: true }).click();
  await card(page, unit).getByRole('button', { name: /保存到本机|发送/ }).click();
  try {
    await expect.poll(() => card(page, unit).getByText(/已保存在本机|已记录/).isVisible()).toBe(true);
  } catch (error) {
    await stage.browser.shot(`offline-failed-${step}`);
    throw error;
  }
}

/** Where a long test got to, printed when it fails. */
let reached = '';
function track(name: string) {
  reached = 'start';
  onTestFailed(async () => {
    console.log(`${name}: stopped at "${reached}"\n${stage.server.log.join('').slice(-2000)}`);
    await stage.browser.shot(`failed-${name}`);
  });
}

/** How many answers the dashboard keeps on the device for pages opened offline (0 before it made its database). */
const cachedAnswers = (page: Page) =>
  page.evaluate(() => new Promise<number>((resolve) => {
    const open = indexedDB.open('zw-field');
    open.onerror = () => resolve(0);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('cache')) {
        db.close();
        return resolve(0);
      }
      const count = db.transaction('cache').objectStore('cache').count();
      count.onsuccess = () => {
        db.close();
        resolve(count.result);
      };
      count.onerror = () => resolve(0);
    };
  }));

async function steps(unitId: string): Promise<{ type: string; occurredAt: string; clientEventId: string | null; actor: { displayName: string } }[]> {
  const body = await stage.office.get(`/api/units/${unitId}/events?pageSize=500`);
  return Array.isArray(body) ? body : body.items;
}

describe('working offline', () => {
  it('opens from the service worker offline, keeps steps on the device and records each exactly once when back online', { timeout: 120_000 }, async () => {
    track('offline-sync');
    const { page, context } = stage.browser;
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/events')) posts.push(r.url());
    });
    await logIn(page, stage.server.url, TECH.username, TECH.password);
    await expect.poll(() => page.getByRole('heading', { name: '我的单位' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => card(page, units.a.name).isVisible()).toBe(true);
    // the service worker has installed (the shell is precached) and controls the page
    reached = 'service worker';
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    // what the server said is kept on the device for a page opened offline
    reached = 'cached answers';
    await expect.poll(() => cachedAnswers(page), { timeout: 10_000 }).toBeGreaterThan(0);

    reached = 'offline';
    await context.setOffline(true);
    await expect.poll(() => page.getByText('网络连接已断开').isVisible()).toBe(true);
    const before = Date.now();
    await logStep(page, units.a.name, '完成布线');
    await logStep(page, units.b.name, '开始布线');
    await logStep(page, units.c.name, '完成布线');
    const after = Date.now();
    await stage.browser.shot('offline-queued');
    // the optimistic progress, marked as not sent
    await expect.poll(() => card(page, units.a.name).getByText('1 条未发送').isVisible()).toBe(true);
    await expect.poll(() => card(page, units.a.name).getByRole('button', { name: '预约接入' }).isVisible()).toBe(true);
    // nothing is even tried while the device knows it is offline
    expect(posts).toHaveLength(0);

    reached = 'reload';
    // a reload without a network: the shell comes from the service worker, the steps from IndexedDB
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: '我的单位' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByText('3 条步骤待发送').isVisible()).toBe(true);
    await stage.browser.shot('offline-reloaded');

    // meanwhile the office completes C's wiring: the technician's step for C will be refused
    await stage.office.post(`/api/units/${units.c.id}/events`, { type: 'wiring.completed' });

    reached = 'back online';
    await context.setOffline(false);
    await expect.poll(async () => (await steps(units.b.id)).length, { timeout: 20_000 }).toBe(1);
    const a = await steps(units.a.id);
    const b = await steps(units.b.id);
    expect(a.map((s) => s.type)).toEqual(['wiring.completed']);
    expect(b.map((s) => s.type)).toEqual(['wiring.started']);
    for (const s of [a[0], b[0]]) {
      expect(s.actor.displayName).toBe(TECH.displayName);
      expect(s.clientEventId).toMatch(/^[0-9a-f-]{36}$/);
      // the time it was logged on the device, not the time it reached the server
      expect(Date.parse(s.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(s.occurredAt)).toBeLessThanOrEqual(after + 1000);
    }
    expect(Date.parse(a[0].occurredAt)).toBeLessThan(Date.parse(b[0].occurredAt));
    expect((await steps(units.c.id)).map((s) => s.actor.displayName)).toEqual(['政府办管理员']);

    reached = 'refusal shown';
    // the refusal is shown with the server's reason, and not sent again
    await page.getByRole('link', { name: '查看待发送' }).click();
    const refused = page.locator('li[data-status=refused]');
    await expect.poll(() => refused.count(), { timeout: 10_000 }).toBe(1);
    expect(await refused.textContent()).toContain(units.c.name);
    expect(await refused.textContent()).toContain('该环节已经完成。');
    expect(await page.locator('li[data-status=sent]').count()).toBe(2);
    await stage.browser.shot('offline-synced');
    const cPosts = () => posts.filter((p) => p.includes(units.c.id)).length;
    const seen = cPosts();
    expect(await page.getByRole('button', { name: '立即重试' }).count()).toBe(0); // nothing pending
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await new Promise((r) => setTimeout(r, 2500));
    expect(cPosts()).toBe(seen);
    expect((await steps(units.a.id)).length).toBe(1);

    // the technician dismisses the refusal
    await refused.getByRole('button', { name: '知道了，移除' }).click();
    await expect.poll(() => refused.count()).toBe(0);
    expect(stage.browser.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e))).toEqual([]);
  });

  it('pauses when the session has ended, asks to log in again, then sends', { timeout: 90_000 }, async () => {
    track('offline-paused');
    const { page, context } = stage.browser;
    await page.goto(`${stage.server.url}/field`);
    await expect.poll(() => card(page, units.d.name).isVisible(), { timeout: 15_000 }).toBe(true);
    await context.setOffline(true);
    await logStep(page, units.d.name, '开始布线');
    // the session ends while the device is offline
    await context.clearCookies();
    await context.setOffline(false);
    await expect.poll(() => page.getByLabel('用户名').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByText('待发送的步骤已暂停').first().isVisible()).toBe(true);
    expect(await steps(units.d.id)).toHaveLength(0);
    await stage.browser.shot('offline-paused');
    await page.getByLabel('用户名').fill(TECH.username);
    await page.getByLabel('密码').fill(TECH.password);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(async () => (await steps(units.d.id)).map((s) => s.type), { timeout: 20_000 }).toEqual(['wiring.started']);
  });
});

/** What the device's outbox holds for a unit, read straight from IndexedDB: [type, status] per step. */
const storedOutbox = (page: Page, unitId: string) =>
  page.evaluate((unitId) => new Promise<[string, string][]>((resolve) => {
    const open = indexedDB.open('zw-field');
    open.onerror = () => resolve([]);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('outbox')) {
        db.close();
        return resolve([]);
      }
      const all = db.transaction('outbox').objectStore('outbox').getAll();
      all.onsuccess = () => {
        db.close();
        resolve((all.result as { unitId: string; step: { type: string }; status: string }[]).filter((e) => e.unitId === unitId).map((e) => [e.step.type, e.status]));
      };
    };
  }), unitId);

describe('a weak signal (online, but the answers do not come)', () => {
  async function unitForTech(name: string) {
    const { unit } = await stage.office.post('/api/units', { code: `W-${Date.now().toString(36)}`, name, kind: 'department' });
    const { items } = await stage.office.get('/api/users?role=technician');
    await stage.office.post('/api/units/assign', { technicianId: items[0].id, unitIds: [unit.id] });
    return unit as { id: string; name: string };
  }

  async function logOnUnitPage(page: Page, step: string) {
    await page.getByLabel('步骤').selectOption({ label: step });
    await page.getByRole('button', { name: '记录', exact: true }).click();
  }

  it('keeps a step whose request hangs in 待发送 at once; a page closed mid-send is resent from the next one and recorded once', { timeout: 120_000 }, async () => {
    track('weak-signal-closed');
    const { context, page } = stage.browser;
    const unit = await unitForTech('县水务局');
    await logIn(page, stage.server.url, TECH.username, TECH.password);
    await page.goto('about:blank'); // no other copy of the app runs while the first page sends

    reached = 'held send';
    const first = await context.newPage();
    let reachedServer = 0;
    // the request reaches the server (which records the step) but its answer never comes back
    await first.route('**/api/units/*/events', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      reachedServer++;
      await new Promise(() => {});
    });
    await first.goto(`${stage.server.url}/units/${unit.id}`);
    await first.getByRole('heading', { name: /县水务局/, level: 1 }).waitFor();
    await logOnUnitPage(first, '开始布线');
    // at once, before any answer: on the device and shown as being sent
    await expect.poll(() => storedOutbox(first, unit.id), { timeout: 2_000 }).toEqual([['wiring.started', 'pending']]);
    await expect.poll(() => first.getByText('1 条步骤尚未发送').isVisible(), { timeout: 2_000 }).toBe(true);
    await expect.poll(() => first.locator('[data-entry-state=sending]').first().isVisible(), { timeout: 2_000 }).toBe(true);
    // the form does not hang on the request: it says the step is kept and being sent
    await expect.poll(() => first.getByText('已保存在本机：“开始布线”。正在发送…').isVisible(), { timeout: 6_000 }).toBe(true);
    expect(await first.getByRole('button', { name: '正在提交…' }).count()).toBe(0);
    await expect.poll(() => reachedServer).toBe(1);
    await first.screenshot({ path: 'test-results/screenshots/weak-signal-held-360.png', fullPage: true });

    reached = 'closed mid-send';
    await first.close();
    expect((await steps(unit.id)).map((s) => s.type)).toEqual(['wiring.started']);

    reached = 'new page';
    await page.goto(`${stage.server.url}/outbox`);
    await expect.poll(() => storedOutbox(page, unit.id), { timeout: 20_000 }).toEqual([['wiring.started', 'sent']]);
    const sent = page.locator('li[data-status=sent]', { hasText: '县水务局' });
    await expect.poll(() => sent.isVisible(), { timeout: 10_000 }).toBe(true);
    // resent with the same clientEventId: still one step
    const recorded = await steps(unit.id);
    expect(recorded.map((s) => [s.type, s.actor.displayName])).toEqual([['wiring.started', TECH.displayName]]);
  });

  it('gives up a send after 15 s without an answer, says it will retry and why, and then records it once', { timeout: 120_000 }, async () => {
    track('weak-signal-timeout');
    const { page } = stage.browser;
    const unit = await unitForTech('县林业局');
    let held = 0;
    let hold = true;
    const handler = async (route: import('playwright-core').Route) => {
      if (route.request().method() !== 'POST' || !hold) return route.continue();
      held++;
      await new Promise(() => {}); // never reaches the server, never answers
    };
    await page.route('**/api/units/*/events', handler);
    await page.goto(`${stage.server.url}/units/${unit.id}`);
    await page.getByRole('heading', { name: /县林业局/, level: 1 }).waitFor();
    const started = Date.now();
    await logOnUnitPage(page, '开始布线');
    await expect.poll(() => page.getByText('1 条步骤尚未发送').isVisible(), { timeout: 2_000 }).toBe(true);
    const words = page.locator('[data-entry-state=timeout]').first();
    await expect.poll(() => words.isVisible(), { timeout: 25_000 }).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(14_000);
    expect(await words.textContent()).toContain('服务器 15 秒内没有回应，稍后自动重试；如果其实已经送达，重试也不会重复记录。');
    await stage.browser.shot('weak-signal-timeout-360');
    expect(held).toBe(1);
    expect(await steps(unit.id)).toHaveLength(0);

    reached = 'answers come again';
    hold = false;
    await expect.poll(async () => (await steps(unit.id)).map((s) => s.type), { timeout: 30_000 }).toEqual(['wiring.started']);
    await expect.poll(() => page.getByText('1 条步骤尚未发送').isVisible(), { timeout: 10_000 }).toBe(false);
    await page.unroute('**/api/units/*/events', handler);
  });
});

/** The units whose page the device could open offline: both the unit and its steps are in the kept answers. */
const cachedUnits = (page: Page) =>
  page.evaluate(() => new Promise<string[]>((resolve) => {
    const open = indexedDB.open('zw-field');
    open.onerror = () => resolve([]);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('cache')) {
        db.close();
        return resolve([]);
      }
      const all = db.transaction('cache').objectStore('cache').getAll();
      all.onsuccess = () => {
        db.close();
        const keys: unknown[][] = [];
        for (const row of all.result as { data: string }[]) {
          try {
            for (const q of (JSON.parse(row.data) as { clientState: { queries: { queryKey: unknown[] }[] } }).clientState.queries) keys.push(q.queryKey);
          } catch {
            // not a persisted client
          }
        }
        const ids = (kind: string) => new Set(keys.filter((k) => k[0] === 'units' && k[1] === kind).map((k) => String(k[2])));
        const events = ids('events');
        resolve([...ids('detail')].filter((id) => events.has(id)));
      };
      all.onerror = () => resolve([]);
    };
  }));

/** 离线 · 数据截至 HH:MM, the time now (the answers were fetched a moment ago) give or take a minute. */
const STAMP = /离线 · 数据截至 (\d\d):(\d\d)/;
function expectRecentStamp(text: string | null) {
  const m = STAMP.exec(text ?? '');
  expect(m, text ?? '').not.toBeNull();
  const minutes = Number(m![1]) * 60 + Number(m![2]);
  // the campaign's zone is Asia/Shanghai (UTC+8)
  const now = new Date(Date.now() + 8 * 3_600_000);
  const nowMinutes = now.getUTCHours() * 60 + now.getUTCMinutes();
  expect(Math.min(Math.abs(nowMinutes - minutes), 1440 - Math.abs(nowMinutes - minutes))).toBeLessThanOrEqual(3);
}

describe('opening units without a signal', () => {
  it('shows a unit visited before and an assigned unit never opened from the device, and says at once when a unit is not kept', { timeout: 120_000 }, async () => {
    track('offline-units');
    const { page, context } = stage.browser;
    await context.setOffline(false);
    await page.setViewportSize({ width: 360, height: 740 });
    // one more unit on the technician's list, never opened; one unit not theirs, never opened
    const { unit: fresh } = await stage.office.post('/api/units', { code: 'T-E', name: '县统计局', kind: 'department' });
    const { unit: other } = await stage.office.post('/api/units', { code: 'T-F', name: '县审计局', kind: 'department' });
    const { items } = await stage.office.get('/api/users?role=technician');
    await stage.office.post('/api/units/assign', { technicianId: items[0].id, unitIds: [fresh.id] });
    await stage.office.post(`/api/units/${fresh.id}/events`, { type: 'wiring.started' });

    reached = 'log in';
    await logIn(page, stage.server.url, TECH.username, TECH.password);
    await page.goto(`${stage.server.url}/units/${units.a.id}`);
    await page.getByRole('heading', { name: new RegExp(units.a.name), level: 1 }).waitFor();
    // on login every assigned unit (its page and its steps) is fetched and kept on the device
    reached = 'kept';
    await expect.poll(async () => (await cachedUnits(page)).sort(), { timeout: 20_000 })
      .toEqual(expect.arrayContaining([units.a.id, units.b.id, units.c.id, units.d.id, fresh.id]));
    expect(await cachedUnits(page)).not.toContain(other.id);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

    reached = 'reload offline';
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: new RegExp(units.a.name), level: 1 }).waitFor({ timeout: 15_000 });
    const stamp = page.getByText(STAMP).first();
    await expect.poll(() => stamp.isVisible(), { timeout: 5_000 }).toBe(true);
    expectRecentStamp(await stamp.textContent());
    expect(await page.getByRole('heading', { name: '连接中断' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: '进展记录' }).isVisible()).toBe(true);
    await new Promise((r) => setTimeout(r, 4000)); // past the retries of the failed fetch: still shown
    expect(await page.getByRole('heading', { name: '连接中断' }).count()).toBe(0);
    expect(await stamp.isVisible()).toBe(true);
    await stage.browser.shot('offline-unit-visited-360');

    reached = 'never opened, from the list';
    await page.goto(`${stage.server.url}/field`);
    await card(page, fresh.name).getByRole('link', { name: fresh.name }).click();
    await page.getByRole('heading', { name: /县统计局/, level: 1 }).waitFor({ timeout: 5_000 });
    await expect.poll(() => page.getByText(STAMP).first().isVisible()).toBe(true);
    // its steps came with it
    await expect.poll(() => page.locator('.timeline').getByText('开始布线').first().isVisible()).toBe(true);
    await stage.browser.shot('offline-unit-fresh-360');
    await page.setViewportSize({ width: 1366, height: 900 });
    await stage.browser.shot('offline-unit-fresh-1366');
    await page.setViewportSize({ width: 360, height: 740 });

    reached = 'not kept';
    const started = Date.now();
    await page.goto(`${stage.server.url}/units/${other.id}`);
    const notKept = page.getByRole('heading', { name: '此单位未缓存' });
    await notKept.waitFor({ timeout: 5_000 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await page.getByText('请联网后打开').first().isVisible()).toBe(true);
    expect(await page.getByText('加载中').count()).toBe(0);
    await stage.browser.shot('offline-unit-not-kept-360');
    await page.setViewportSize({ width: 1366, height: 900 });
    await stage.browser.shot('offline-unit-not-kept-1366');
    await page.setViewportSize({ width: 360, height: 740 });
    // in the app, without a reload: the same at once, never an endless 加载中
    await page.goto(`${stage.server.url}/field`);
    await card(page, fresh.name).waitFor();
    await page.evaluate((href) => {
      history.pushState({}, '', href);
      dispatchEvent(new PopStateEvent('popstate'));
    }, `/units/${other.id}`);
    await notKept.waitFor({ timeout: 3_000 });

    reached = 'after a sync';
    // assigned while the technician is out of signal: kept once a step of theirs is synced
    const { unit: later } = await stage.office.post('/api/units', { code: 'T-G', name: '县供销社', kind: 'department' });
    await stage.office.post('/api/units/assign', { technicianId: items[0].id, unitIds: [later.id] });
    await page.goto(`${stage.server.url}/field`);
    await card(page, fresh.name).waitFor();
    await logStep(page, fresh.name, '完成布线');
    expect(await cachedUnits(page)).not.toContain(later.id);
    await context.setOffline(false);
    await expect.poll(async () => (await steps(fresh.id)).length, { timeout: 20_000 }).toBe(2);
    await expect.poll(() => cachedUnits(page), { timeout: 20_000 }).toContain(later.id);

    reached = 'log out';
    await page.goto(`${stage.server.url}/field`);
    await card(page, fresh.name).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('用户名').waitFor();
    // the next person at this phone finds none of it
    await expect.poll(() => cachedUnits(page)).toEqual([]);
  });
});

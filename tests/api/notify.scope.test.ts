// A channel reports on its scope (docs/contract/areas.md "Notifications"): made by a county office it covers the
// county, its alerts and its daily digest name the county's units only, and the channel list and
// the channel itself do not exist for an office of another county.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifyDeliveries } from '../../db/schema/index.js';
import { addDays, instantAt, today } from '../../shared/domain/dates.js';
import { createSender } from '../../server/features/notify/notify.sender.js';
import type { Agent, TestApp } from '../helpers/app.js';
import { appTest } from '../helpers/fixture.js';
import { BODIES } from '../helpers/steps.js';

const test = appTest({ NOTIFY_ALLOWED_HOSTS: '127.0.0.1', NOTIFY_TIMEOUT_MS: '1000' });

const A = '621223'; // 宕昌县
const B = '621202'; // 武都区

let t: TestApp;
let root: Agent;
let countyA: Agent;
let countyB: Agent;
test.beforeAll(({ t: testApp, office: fOffice, tanchang, wudu }) => {
  t = testApp;
  root = fOffice;
  countyA = tanchang.office;
  countyB = wudu.office;
});

let n = 0;
async function channel(by: Agent, extra: Record<string, unknown> = {}) {
  const res = await by.post('/api/channels', { name: `群${++n}`, kind: 'wecom', webhookUrl: `http://127.0.0.1:9/send?key=k${n}`, alerts: ['wiring_refused'], ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().channel as { id: string; scope: string | null };
}
const rows = (channelId: string) => t.database.db.select().from(notifyDeliveries).where(eq(notifyDeliveries.channelId, channelId));

describe('a channel of a county', () => {
  it('takes its office’s scope, is listed and reached by that county only', async () => {
    const a = await channel(countyA);
    expect(a.scope).toBe(A);
    const listed = async (agent: Agent) => ((await agent.get('/api/channels')).json().items as { id: string }[]).some((c) => c.id === a.id);
    expect([await listed(countyA), await listed(countyB), await listed(root)]).toEqual([true, false, true]);
    expect((await countyB.patch(`/api/channels/${a.id}`, { name: '别县改名' })).statusCode).toBe(404);
    expect((await countyB.get(`/api/channels/${a.id}/deliveries`)).statusCode).toBe(404);
  });

  it('hears the alerts of its county’s units only; a whole-installation channel hears all', async () => {
    const [a, b, whole] = [await channel(countyA), await channel(countyB), await channel(root)];
    const inA = await t.unit({ areaCode: A, name: '宕昌拒绝乡' });
    const inB = await t.unit({ areaCode: B, name: '武都拒绝乡' });
    const nowhere = await t.unit({ name: '无县单位' });
    for (const u of [inA, inB, nowhere]) expect((await root.post(`/api/units/${u.id}/events`, BODIES['wiring.refused'])).statusCode).toBe(201);
    const named = async (id: string) => (await rows(id)).map((r) => JSON.stringify(r.body));
    const seen = async (id: string) => {
      const bodies = (await named(id)).join('\n');
      return ['宕昌拒绝乡', '武都拒绝乡', '无县单位'].map((name) => bodies.includes(name));
    };
    expect(await seen(a.id)).toEqual([true, false, false]);
    expect(await seen(b.id)).toEqual([false, true, false]);
    expect(await seen(whole.id)).toEqual([true, true, true]);
  });

  it('gets a digest of its county: its totals and its laggards, not the other county’s', async () => {
    const tz = 'Asia/Shanghai';
    const tomorrow = addDays(today(tz), 1);
    const a = await channel(countyA, { digestAt: '08:00', alerts: [] });
    const whole = await channel(root, { digestAt: '08:00', alerts: [] });
    await t.unit({ areaCode: A, name: '宕昌平安乡' });
    const sender = createSender({ db: t.database.db, config: t.config, log: t.app.log, clock: () => instantAt(tomorrow, '08:01', tz) });
    await sender.tick();
    const [digestA] = (await rows(a.id)).filter((r) => r.kind === 'digest');
    const [digestAll] = (await rows(whole.id)).filter((r) => r.kind === 'digest');
    const text = JSON.stringify(digestA.body);
    expect(text).toContain('宕昌拒绝乡');
    expect(text).not.toContain('武都拒绝乡');
    expect(text).not.toContain('无县单位');
    // the county's two units (one refused), against the installation's four
    expect(digestA.facts).toMatchObject({ totalUnits: 2, laggards: 1 });
    expect(digestAll.facts).toMatchObject({ totalUnits: 4, laggards: 3 });
    expect(JSON.stringify(digestAll.body)).toContain('武都拒绝乡');
  });
});

describe('the postponement-limit alert', () => {
  it('fires at the unit’s county’s own limit, as the board flags it', async () => {
    const off = { wiringDue: null, connectionDue: null, registrationGraceDays: null, stallDays: null, postponementLimit: null };
    expect((await root.put(`/api/settings?area=${A}`, { ...off, postponementLimit: 1 })).statusCode).toBe(200);
    try {
      const c = await channel(countyA, { alerts: ['postponement_limit'] });
      const unit = await t.unit({ areaCode: A, name: '宕昌推迟乡' });
      expect((await root.post(`/api/units/${unit.id}/events`, BODIES['wiring.postponed'])).statusCode).toBe(201);
      // one postponement is the county's limit (the installation's is 2): flagged, and alerted
      const board = (await countyA.get('/api/reports/laggards?category=repeated_postponement&pageSize=500')).json();
      expect(board.items.some((i: { unit: { id: string } }) => i.unit.id === unit.id)).toBe(true);
      expect((await rows(c.id)).map((r) => r.kind)).toEqual(['postponement_limit']);
    } finally {
      await root.put(`/api/settings?area=${A}`, off);
    }
  });
});

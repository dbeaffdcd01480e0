// Delivery to the robots with a moved clock: alerts written with their step, retries with
// growing waits, give-up after a day, the 20-a-minute limit, the digest once a day.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { notifyDeliveries } from '../../db/schema/index.js';
import { addDays, instantAt, today } from '../../shared/domain/dates.js';
import { DELIVERY_RULE } from '../../shared/domain/notify-retry.js';
import { createSender, type Sender } from '../../server/features/notify/notify.sender.js';
import { type Agent, type TestApp } from '../helpers/app.js';
import { appTest } from '../helpers/fixture.js';
import { BODIES, bringTo } from '../helpers/steps.js';
import { startReceiver, type Receiver } from './notify.receiver.js';

const test = appTest({ NOTIFY_ALLOWED_HOSTS: '127.0.0.1', NOTIFY_TIMEOUT_MS: '1500', PUBLIC_ORIGIN: 'https://zw.example.gov.cn' });

let t: TestApp;
let office: Agent;
let robot: Receiver;
let now: number;
let sender: Sender;
const clock = () => new Date(now);
const newSender = () => createSender({ db: t.database.db, config: t.config, log: t.app.log, clock });

test.beforeAll(async ({ t: testApp, office: fOffice }) => {
  t = testApp;
  robot = await startReceiver();
  office = fOffice;
});
afterAll(() => robot.close());
beforeEach(async () => {
  // a little ahead of the database's clock, which stamps the alerts a step writes
  now = Date.now() + 10_000;
  sender = newSender();
  // each test its own channels: the earlier ones are switched off
  await t.database.db.execute(sql`update notify_channels set enabled = false`);
});

let keys = 0;
async function channel(extra: Record<string, unknown> = {}) {
  const key = `wk-${++keys}-${Math.random().toString(36).slice(2, 8)}`;
  const res = await office.post('/api/channels', { name: `群${keys}`, kind: 'wecom', webhookUrl: robot.wecomUrl(key), alerts: ['wiring_refused', 'postponement_limit', 'registration_rejected'], ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().channel.id as string, key };
}
const rowsOf = (channelId: string) => t.database.db.select().from(notifyDeliveries).where(eq(notifyDeliveries.channelId, channelId)).orderBy(notifyDeliveries.createdAt);
const advance = (ms: number) => {
  now += ms;
};

describe('instant alerts', () => {
  it('are written with the step that raised them, before anything is sent, and sent by the next round', async () => {
    const { id, key } = await channel();
    const quiet = await channel({ alerts: ['registration_rejected'] });
    const unit = await t.unit({ name: '城关镇人民政府' });
    expect((await office.post(`/api/units/${unit.id}/events`, BODIES['wiring.refused'])).statusCode).toBe(201);
    const [row] = await rowsOf(id);
    expect(row).toMatchObject({ kind: 'wiring_refused', status: 'pending', attempts: 0 });
    expect(await rowsOf(quiet.id)).toHaveLength(0);
    expect(robot.for(key)).toHaveLength(0);

    await sender.tick();
    const [got] = robot.for(key);
    expect(got.body.msgtype).toBe('markdown');
    expect(got.text).toContain('【拒绝布线】城关镇人民政府');
    expect(got.text).toContain('领导不在，不让进办公室');
    expect(got.text).toContain(`(https://zw.example.gov.cn/units/${unit.id})`);
    const [sent] = await rowsOf(id);
    expect(sent, JSON.stringify(sent)).toMatchObject({ status: 'sent', attempts: 1 });
    await sender.tick();
    expect(robot.for(key)).toHaveLength(1);
  });

  it('land with their step or not at all: when the alert cannot be written, neither is the step', async () => {
    const { id } = await channel();
    const unit = await t.unit();
    await t.database.db.execute(sql.raw(`create function notify_refuse() returns trigger language plpgsql as $$ begin raise exception 'no alerts today'; end $$`));
    await t.database.db.execute(sql.raw('create trigger notify_refuse before insert on notify_deliveries for each row execute function notify_refuse()'));
    try {
      const res = await office.post(`/api/units/${unit.id}/events`, BODIES['wiring.refused']);
      expect(res.statusCode).toBe(500);
    } finally {
      await t.database.db.execute(sql.raw('drop trigger notify_refuse on notify_deliveries'));
      await t.database.db.execute(sql.raw('drop function notify_refuse()'));
    }
    expect((await office.get(`/api/units/${unit.id}/events`)).json().items).toHaveLength(0);
    expect(await rowsOf(id)).toHaveLength(0);
    // a step that raises no alert does not go through it at all
    expect((await office.post(`/api/units/${unit.id}/events`, BODIES['wiring.started'])).statusCode).toBe(201);
  });

  it('tell of a unit reaching the postponement limit once, and of a rejected registration', async () => {
    const { id, key } = await channel();
    const unit = await t.unit({ name: '财政局' });
    for (let i = 0; i < 3; i++) expect((await office.post(`/api/units/${unit.id}/events`, BODIES['wiring.postponed'])).statusCode).toBe(201);
    const other = await t.unit({ name: '交通局' });
    await bringTo(office, other.id, 'submitted');
    expect((await office.post(`/api/units/${other.id}/events`, { type: 'registration.rejected', data: { reason: '申报材料缺少盖章' } })).statusCode).toBe(201);
    expect((await rowsOf(id)).map((r) => r.kind)).toEqual(['postponement_limit', 'registration_rejected']);
    await sender.tick();
    const texts = robot.for(key).map((r) => r.text);
    expect(texts[0]).toContain('【多次推迟】财政局');
    expect(texts[0]).toContain('已推迟 **2** 次');
    expect(texts[1]).toContain('【申报被退回】交通局');
    expect(texts[1]).toContain('申报材料缺少盖章');
  });
});

describe('a notice left unanswered', () => {
  it('raises one alert the day after its respond-by date, and none for an answered one', async () => {
    const tz = 'Asia/Shanghai';
    const { id, key } = await channel({ alerts: ['notice_overdue'] });
    const [late, answered] = [await t.unit({ name: '逾期未答复乡' }), await t.unit({ name: '已答复乡' })];
    const due = today(tz);
    const issued = [];
    for (const u of [late, answered]) {
      expect((await office.post(`/api/units/${u.id}/events`, BODIES['wiring.refused'])).statusCode).toBe(201);
      const res = await office.post(`/api/units/${u.id}/notices`, { respondBy: due });
      expect(res.statusCode, res.body).toBe(201);
      issued.push(res.json().notice);
    }
    const contact = await t.as('unit', { unitId: answered.id });
    expect((await contact.post(`/api/notices/${issued[1].id}/answer`, { text: '本周内安排布线' })).statusCode).toBe(200);
    await sender.tick();
    expect(robot.for(key)).toHaveLength(0); // not overdue on its date
    now = instantAt(addDays(due, 1), '09:00', tz).getTime();
    await sender.tick();
    await newSender().tick();
    const got = robot.for(key);
    expect(got).toHaveLength(1);
    expect(got[0].text).toContain('【催办逾期未回复】逾期未答复乡');
    expect(got[0].text).toContain(`${issued[0].number} 应于 ${due} 前回复`);
    expect((await rowsOf(id)).map((r) => r.key)).toEqual([`notice:${issued[0].id}:overdue`]);
  });
});

describe('retries', () => {
  it('wait longer after each failure (500, a hang, rate-limited) and end sent', async () => {
    const { id, key } = await channel();
    robot.script(key, ['500', 'hang', 'ratelimit', 'ok']);
    await office.post(`/api/units/${(await t.unit()).id}/events`, BODIES['wiring.refused']);
    const tries: { at: number; status: string; answer: string | null }[] = [];
    const round = async () => {
      await sender.tick();
      const [r] = await rowsOf(id);
      tries.push({ at: r.nextAt.getTime() - now, status: r.status, answer: r.lastAnswer });
      return r;
    };
    expect((await round()).attempts).toBe(1);
    expect(tries[0]).toMatchObject({ status: 'pending', at: 30_000 });
    expect(tries[0].answer).toMatch(/^HTTP 500/);
    // not before its time
    advance(29_000);
    expect((await round()).attempts).toBe(1);
    advance(1_000);
    expect((await round()).attempts).toBe(2);
    expect(tries[2]).toMatchObject({ status: 'pending', at: 60_000 });
    expect(tries[2].answer).toBe('no answer within 1500 ms');
    advance(60_000);
    expect((await round()).attempts).toBe(3);
    expect(tries[3]).toMatchObject({ status: 'pending', at: 120_000 });
    expect(tries[3].answer).toContain('45009');
    advance(120_000);
    const last = await round();
    expect(last).toMatchObject({ status: 'sent', attempts: 4 });
    expect(robot.for(key).map((r) => r.answered)).toEqual(['500', 'hang', 'ratelimit', 'ok']);
  });

  it('are not made for a redirect (never followed) or an error the robot means', async () => {
    const { id, key } = await channel();
    robot.script(key, ['redirect', 'bad']);
    await office.post(`/api/units/${(await t.unit()).id}/events`, BODIES['wiring.refused']);
    await office.post(`/api/units/${(await t.unit()).id}/events`, BODIES['wiring.refused']);
    await sender.tick();
    const rows = await rowsOf(id);
    expect(rows.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(rows.map((r) => r.lastAnswer)).toEqual([expect.stringMatching(/^HTTP 302 \(redirect not followed\)/), expect.stringContaining('93000')]);
    expect(robot.elsewhereHits()).toBe(0);
  });

  it('read no more of an answer than the cap', async () => {
    const { id, key } = await channel();
    robot.script(key, ['huge']);
    await office.post(`/api/units/${(await t.unit()).id}/events`, BODIES['wiring.refused']);
    await sender.tick();
    const [r] = await rowsOf(id);
    expect(r.status).toBe('sent');
    expect(r.lastAnswer!.length).toBeLessThanOrEqual(500);
  });

  it('give up after 24 hours and show the message as failed', async () => {
    const { id, key } = await channel();
    robot.script(key, Array(100).fill('500'));
    const unit = await t.unit();
    await office.post(`/api/units/${unit.id}/events`, BODIES['wiring.refused']);
    let rounds = 0;
    for (;;) {
      await sender.tick();
      rounds++;
      const [r] = await rowsOf(id);
      if (r.status !== 'pending') break;
      now = r.nextAt.getTime();
      expect(rounds).toBeLessThan(60);
    }
    const [r] = await rowsOf(id);
    expect(r.status).toBe('failed');
    expect(r.lastAnswer).toMatch(/^gave up: not sent within 24 hours; last answer: HTTP 500/);
    expect(now - r.createdAt.getTime()).toBeLessThanOrEqual(DELIVERY_RULE.giveUpAfterMs);
    // waits of 30 s doubling up to an hour: 8 tries in the first 2 h, then one an hour
    expect(r.attempts).toBeGreaterThan(25);
    expect(r.attempts).toBeLessThan(35);

    // a message that could not be tried at all (its channel switched off) is given up too
    const off = await channel();
    await office.post(`/api/units/${(await t.unit()).id}/events`, BODIES['wiring.refused']);
    await office.patch(`/api/channels/${off.id}`, { enabled: false });
    await sender.tick();
    expect((await rowsOf(off.id))[0].status).toBe('pending');
    now = Date.now() + DELIVERY_RULE.giveUpAfterMs + 10_000;
    await sender.tick();
    expect((await rowsOf(off.id))[0]).toMatchObject({ status: 'failed', attempts: 0, lastAnswer: 'gave up: not sent within 24 hours' });
  });
});

describe('the 20-a-minute limit', () => {
  it('sends at most 20 messages a minute to one robot, the rest in the next minute', async () => {
    const { id, key } = await channel();
    const other = await channel();
    for (let i = 0; i < 25; i++) expect((await office.post(`/api/units/${(await t.unit()).id}/events`, BODIES['wiring.refused'])).statusCode).toBe(201);
    await sender.tick();
    expect(robot.for(key)).toHaveLength(20);
    // each robot has its own minute
    expect(robot.for(other.key)).toHaveLength(20);
    advance(30_000);
    await sender.tick();
    // a second process shares the same minute
    await newSender().tick();
    expect(robot.for(key)).toHaveLength(20);
    advance(30_001);
    await sender.tick();
    expect(robot.for(key)).toHaveLength(25);
    expect((await rowsOf(id)).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('holds a robot that says it is rate-limited for a minute', async () => {
    const { id, key } = await channel();
    robot.script(key, ['ratelimit']);
    for (let i = 0; i < 3; i++) await office.post(`/api/units/${(await t.unit()).id}/events`, BODIES['wiring.refused']);
    await sender.tick();
    // the first answered 45009: the two after it wait with it
    expect(robot.for(key)).toHaveLength(1);
    advance(59_000);
    await sender.tick();
    expect(robot.for(key)).toHaveLength(1);
    advance(2_000);
    await sender.tick();
    // the one refused, tried again, and the two that waited
    expect(robot.for(key)).toHaveLength(4);
    const rows = await rowsOf(id);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([['sent', 2], ['sent', 1], ['sent', 1]]);
  });
});

describe('the daily digest', () => {
  it('is sent once a day at its time, even when processes restart at that moment, and tells the change since the last one', async () => {
    const tz = 'Asia/Shanghai';
    const tomorrow = addDays(today(tz), 1);
    now = instantAt(tomorrow, '08:00', tz).getTime() - 60_000;
    const { id, key } = await channel({ digestAt: '08:00', alerts: [] });
    const units = [await t.unit({ name: '拒绝乡' }), await t.unit({ name: '完成乡' })];
    await office.post(`/api/units/${units[0].id}/events`, BODIES['wiring.refused']);
    await bringTo(office, units[1].id, 'verified');

    await sender.tick();
    expect(await rowsOf(id)).toHaveLength(0);
    advance(60_000);
    // at the digest time, two processes at once, then a third just started
    await Promise.all([sender.tick(), newSender().tick()]);
    await newSender().tick();
    advance(30_000);
    await newSender().tick();
    const digests = robot.for(key);
    expect(digests).toHaveLength(1);
    expect(digests[0].text).toContain(`政务专网接入日报（${tomorrow}）`);
    expect(digests[0].text).toContain('拒绝乡');
    expect(digests[0].text).toMatch(/1\. .+：拒绝布线已 \d+ 天/);
    expect(digests[0].text).toContain('[查看落后单位](https://zw.example.gov.cn/laggards)');
    expect(Buffer.byteLength(digests[0].text)).toBeLessThanOrEqual(4096);

    // the next day: one more, with the change since the first
    await bringTo(office, (await t.unit()).id, 'verified');
    advance(24 * 3600_000);
    await sender.tick();
    await newSender().tick();
    const both = robot.for(key);
    expect(both).toHaveLength(2);
    expect(both[1].text).toContain(`较上次（${tomorrow}）：完成 +1 个`);
    expect((await rowsOf(id)).map((r) => r.key)).toEqual([`digest:${tomorrow}`, `digest:${addDays(tomorrow, 1)}`]);
  });

  it('is not sent the day a channel is made after its time', async () => {
    const tz = 'Asia/Shanghai';
    const { id } = await channel({ digestAt: '00:00', alerts: [] });
    // the channel made at 10:00 of a day, the clock half a minute later: well past that day's
    // 00:00, whatever the hour this test runs at
    const day = today(tz, new Date());
    const made = instantAt(day, '10:00', tz);
    await t.database.db.execute(sql`update notify_channels set created_at = ${made.toISOString()}::timestamptz where id = ${id}::uuid`);
    now = made.getTime() + 30_000;
    await sender.tick();
    expect(await rowsOf(id)).toHaveLength(0);
    now = instantAt(addDays(day, 1), '00:00', tz).getTime() + 5_000;
    await sender.tick();
    expect(await rowsOf(id)).toHaveLength(1);
  });
});

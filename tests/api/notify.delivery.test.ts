// Delivery to the robots with a moved clock, what is sent: alerts written with their step, the
// alert for a notice left unanswered, the digest once a day. Retries, giving up after a day and
// the 20-a-minute limit are in notify.delivery.retries.test.ts; both files make their robot,
// sender and clock alike (notify.delivery.kit.ts), each on an app of its own.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, instantAt, today } from '../../shared/domain/dates.js';
import { BODIES, bringTo } from '../helpers/steps.js';
import { advance, channel, newSender, office, robot, rowsOf, sender, setNow, t, useDelivery } from './notify.delivery.kit.js';

useDelivery();

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
    setNow(instantAt(addDays(due, 1), '09:00', tz).getTime());
    await sender.tick();
    await newSender().tick();
    const got = robot.for(key);
    expect(got).toHaveLength(1);
    expect(got[0].text).toContain('【催办逾期未回复】逾期未答复乡');
    expect(got[0].text).toContain(`${issued[0].number} 应于 ${due} 前回复`);
    expect((await rowsOf(id)).map((r) => r.key)).toEqual([`notice:${issued[0].id}:overdue`]);
  });
});

describe('the daily digest', () => {
  it('is sent once a day at its time, even when processes restart at that moment, and tells the change since the last one', async () => {
    const tz = 'Asia/Shanghai';
    const tomorrow = addDays(today(tz), 1);
    setNow(instantAt(tomorrow, '08:00', tz).getTime() - 60_000);
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
    setNow(made.getTime() + 30_000);
    await sender.tick();
    expect(await rowsOf(id)).toHaveLength(0);
    setNow(instantAt(addDays(day, 1), '00:00', tz).getTime() + 5_000);
    await sender.tick();
    expect(await rowsOf(id)).toHaveLength(1);
  });
});

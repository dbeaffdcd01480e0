// Delivery to the robots with a moved clock, when it is sent: retries with growing waits, no
// retry for a redirect or an error the robot means, give-up after a day, the 20-a-minute limit.
// What is sent is in notify.delivery.test.ts; both files make their robot, sender and clock alike
// (notify.delivery.kit.ts), each on an app of its own.
import { describe, expect, it } from 'vitest';
import { DELIVERY_RULE } from '../../shared/domain/notify-retry.js';
import { BODIES } from '../helpers/steps.js';
import { advance, channel, newSender, now, office, robot, rowsOf, sender, setNow, t, useDelivery } from './notify.delivery.kit.js';

useDelivery();

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
      setNow(r.nextAt.getTime());
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
    setNow(Date.now() + DELIVERY_RULE.giveUpAfterMs + 10_000);
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

// What the delivery tests share (notify.delivery.test.ts, notify.delivery.retries.test.ts): an app
// whose robots may be on this machine, a robot that answers as it is scripted, a sender on a clock
// the test moves (`now`, `setNow`, `advance`), and a channel of the test's own. `useDelivery()`
// makes them for the file that calls it.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeEach, expect } from 'vitest';
import { notifyDeliveries } from '../../db/schema/index.js';
import { createSender, type Sender } from '../../server/features/notify/notify.sender.js';
import { type Agent, type TestApp } from '../helpers/app.js';
import { appTest } from '../helpers/fixture.js';
import { startReceiver, type Receiver } from './notify.receiver.js';

export const test = appTest({ NOTIFY_ALLOWED_HOSTS: '127.0.0.1', NOTIFY_TIMEOUT_MS: '1500', PUBLIC_ORIGIN: 'https://zw.example.gov.cn' });

export let t: TestApp;
export let office: Agent;
export let robot: Receiver;
export let now: number;
export let sender: Sender;
export const clock = () => new Date(now);
export const newSender = () => createSender({ db: t.database.db, config: t.config, log: t.app.log, clock });

/** The robot, the office and a fresh sender for each test of the file that calls this. */
export function useDelivery() {
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
}

let keys = 0;
export async function channel(extra: Record<string, unknown> = {}) {
  const key = `wk-${++keys}-${Math.random().toString(36).slice(2, 8)}`;
  const res = await office.post('/api/channels', { name: `群${keys}`, kind: 'wecom', webhookUrl: robot.wecomUrl(key), alerts: ['wiring_refused', 'postponement_limit', 'registration_rejected'], ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().channel.id as string, key };
}
export const rowsOf = (channelId: string) => t.database.db.select().from(notifyDeliveries).where(eq(notifyDeliveries.channelId, channelId)).orderBy(notifyDeliveries.createdAt);
export const advance = (ms: number) => {
  now += ms;
};
/** Sets the sender's clock. */
export const setNow = (ms: number) => {
  now = ms;
};


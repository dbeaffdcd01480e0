// The group robots' channels and the outbox of their messages (the delivery rows). A message is
// a row before it is anything else; the sender claims due rows under the channel's lock (SKIP
// LOCKED: two processes never claim one row, and one robot's 20-a-minute window is counted under
// that same lock).
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { rowsOf } from '../rows.js';
import { notifyChannels, notifyDeliveries } from '../schema/index.js';
import type { Message } from '../../shared/domain/notify-digest.js';
import { rateRoom } from '../../shared/domain/notify-retry.js';
import type { AlertKind, DeliveryKind } from '../../shared/schemas/notify.js';
import { inScopeSql, type Reach } from './reach.js';

export type ChannelRow = typeof notifyChannels.$inferSelect;
export type DeliveryRow = typeof notifyDeliveries.$inferSelect;

export async function insertChannel(db: DbOrTx, values: typeof notifyChannels.$inferInsert): Promise<ChannelRow> {
  const [row] = await db.insert(notifyChannels).values(values).returning();
  return row;
}

export async function updateChannel(db: DbOrTx, id: string, set: Partial<typeof notifyChannels.$inferInsert>): Promise<ChannelRow | undefined> {
  const [row] = await db.update(notifyChannels).set({ ...set, updatedAt: new Date() }).where(eq(notifyChannels.id, id)).returning();
  return row;
}

/**
 * The channels a reach holds: those whose scope lies inside the office's (a whole-installation
 * channel, scope null, inside the whole installation only); a unit's contact holds none.
 */
const channelInReach = (reach: Reach): SQL => (reach.role === 'unit' ? sql`false` : inScopeSql(reach.scope, sql`${notifyChannels.scope}`));

/** A channel inside the reach (outside it: no row, as an id that names nothing); `lock` for a write. */
export async function findChannel(db: DbOrTx, reach: Reach, id: string, opts: { lock?: boolean } = {}): Promise<ChannelRow | undefined> {
  const q = db.select().from(notifyChannels).where(and(eq(notifyChannels.id, id), channelInReach(reach))).limit(1);
  const [row] = await (opts.lock ? q.for('update') : q);
  return row;
}

/** The channels inside the reach, oldest first. */
export async function listChannels(db: DbOrTx, reach: Reach): Promise<ChannelRow[]> {
  return db.select().from(notifyChannels).where(channelInReach(reach)).orderBy(notifyChannels.createdAt);
}

/** A channel hears about a unit when the unit lies inside the channel's scope (null: every unit). */
const hearsUnit = (channel: SQL, unitId: string) =>
  sql`(${channel}.scope is null or exists (select 1 from units u where u.id = ${unitId}::uuid and u.area_code like ${channel}.scope || '%'))`;

export async function listDeliveries(db: DbOrTx, channelId: string, limit: number) {
  const filter = eq(notifyDeliveries.channelId, channelId);
  const [rows, [total]] = await Promise.all([
    db.select().from(notifyDeliveries).where(filter).orderBy(desc(notifyDeliveries.createdAt), desc(notifyDeliveries.id)).limit(limit),
    db.select({ n: sql<number>`count(*)::int` }).from(notifyDeliveries).where(filter),
  ]);
  return { rows, total: total.n };
}

export async function findDelivery(db: DbOrTx, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await db.select().from(notifyDeliveries).where(eq(notifyDeliveries.id, id)).limit(1);
  return row;
}

export interface NewDelivery {
  channelId: string;
  kind: DeliveryKind;
  key: string;
  body: Message;
  facts?: Record<string, number> | null;
  /** the sender's clock; the database's when absent */
  at?: Date;
}

/** One message for one channel; nothing when that channel already has a message with this key. */
export async function enqueue(db: DbOrTx, d: NewDelivery): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .insert(notifyDeliveries)
    .values({ channelId: d.channelId, kind: d.kind, key: d.key, body: d.body, facts: d.facts ?? null, ...(d.at ? { createdAt: d.at, nextAt: d.at } : {}) })
    .onConflictDoNothing({ target: [notifyDeliveries.channelId, notifyDeliveries.key] })
    .returning();
  return row;
}

/**
 * An alert about a unit for every enabled channel that takes it and whose scope holds the unit,
 * in the caller's transaction (the step's): one statement, which writes nothing when no channel does.
 */
export async function enqueueAlert(db: DbOrTx, alert: AlertKind, key: string, body: Message, unitId: string): Promise<number> {
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`insert into notify_deliveries (channel_id, kind, key, body)
      select c.id, ${alert}::text, ${key}::text, ${JSON.stringify(body)}::jsonb from notify_channels c
      where c.enabled and c.alerts @> ${JSON.stringify([alert])}::jsonb and ${hearsUnit(sql`c`, unitId)}
      on conflict (channel_id, key) do nothing
      returning id`,
  );
  return rows.length;
}

/** Messages still pending a day after they were written: failed, with why. */
export async function giveUpExpired(db: DbOrTx, now: Date, maxAgeMs: number): Promise<number> {
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`update notify_deliveries set status = 'failed',
        last_answer = 'gave up: not sent within 24 hours' || coalesce('; last answer: ' || last_answer, '')
      where status = 'pending' and created_at <= ${new Date(now.getTime() - maxAgeMs).toISOString()}::timestamptz
      returning id`,
  );
  return rows.length;
}

export interface Claimed {
  delivery: DeliveryRow;
  channel: Pick<ChannelRow, 'id' | 'kind' | 'webhookUrl' | 'secret' | 'name'>;
}

/**
 * Claims due messages: locks the channels that have some (skipping those another process holds),
 * takes as many of each channel's due rows as its minute still allows, counts one try each and
 * pushes their next try past `leaseUntil`, so that a process that dies mid-send leaves them to
 * be tried again then. `only` claims one delivery of one channel (a test message), enabled or not.
 */
export async function claimDue(
  db: DbOrTx,
  now: Date,
  leaseUntil: Date,
  only?: { channelId: string; deliveryId: string },
): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const at = now.toISOString();
    const channels = only
      ? await rowsOf<{ id: string; recent_sends: number[]; hold_until: string | null }>(
          tx,
          sql`select id, recent_sends, hold_until from notify_channels where id = ${only.channelId}::uuid
            and (hold_until is null or hold_until <= ${at}::timestamptz) for update`,
        )
      : await rowsOf<{ id: string; recent_sends: number[] }>(
          tx,
          sql`select c.id, c.recent_sends from notify_channels c
            where c.enabled and (c.hold_until is null or c.hold_until <= ${at}::timestamptz)
              and exists (select 1 from notify_deliveries d where d.channel_id = c.id and d.status = 'pending' and d.next_at <= ${at}::timestamptz)
            order by c.id limit 50
            for update of c skip locked`,
        );
    const claimed: Claimed[] = [];
    for (const c of channels) {
      const { kept, room } = rateRoom(c.recent_sends ?? [], now.getTime());
      if (room === 0) continue;
      const rows = await rowsOf<{ id: string }>(
        tx,
        sql`update notify_deliveries set attempts = attempts + 1, next_at = ${leaseUntil.toISOString()}::timestamptz
          where id in (
            select id from notify_deliveries
            where channel_id = ${c.id}::uuid and status = 'pending'
              and ${only ? sql`id = ${only.deliveryId}::uuid` : sql`next_at <= ${at}::timestamptz`}
            order by next_at, created_at limit ${room}
            for update skip locked)
          returning id`,
      );
      if (rows.length === 0) continue;
      const sends = [...kept, ...rows.map(() => now.getTime())];
      await tx.update(notifyChannels).set({ recentSends: sends }).where(eq(notifyChannels.id, c.id));
      const [channel] = await tx
        .select({ id: notifyChannels.id, kind: notifyChannels.kind, webhookUrl: notifyChannels.webhookUrl, secret: notifyChannels.secret, name: notifyChannels.name })
        .from(notifyChannels)
        .where(eq(notifyChannels.id, c.id));
      // RETURNING keeps no order: the channel's messages go out in the order they were written
      const deliveries = await tx
        .select()
        .from(notifyDeliveries)
        .where(inArray(notifyDeliveries.id, rows.map((r) => r.id)))
        .orderBy(notifyDeliveries.createdAt, notifyDeliveries.id);
      for (const delivery of deliveries) claimed.push({ delivery, channel });
    }
    return claimed;
  });
}

/** What the try came to; only a row still pending is changed (a row is settled once). */
export async function settle(
  db: DbOrTx,
  id: string,
  result: { status: 'pending' | 'sent' | 'failed'; answer: string; nextAt?: Date; sentAt?: Date },
): Promise<void> {
  await db
    .update(notifyDeliveries)
    .set({ status: result.status, lastAnswer: result.answer, ...(result.nextAt ? { nextAt: result.nextAt } : {}), ...(result.sentAt ? { sentAt: result.sentAt } : {}) })
    .where(and(eq(notifyDeliveries.id, id), eq(notifyDeliveries.status, 'pending')));
}

/** A test message its robot's minute left unsent: failed at once, unless a sender has just claimed it. */
export async function failUnsentTest(db: DbOrTx, id: string, answer: string): Promise<void> {
  await db
    .update(notifyDeliveries)
    .set({ status: 'failed', lastAnswer: answer })
    .where(and(eq(notifyDeliveries.id, id), eq(notifyDeliveries.status, 'pending'), eq(notifyDeliveries.attempts, 0)));
}

/** Claimed rows given back untried (their robot said "too fast" to the one before): not a try. */
export async function release(db: DbOrTx, ids: string[], nextAt: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(notifyDeliveries)
    .set({ attempts: sql`${notifyDeliveries.attempts} - 1`, nextAt })
    .where(and(inArray(notifyDeliveries.id, ids), eq(notifyDeliveries.status, 'pending')));
}

export async function holdChannel(db: DbOrTx, channelId: string, until: Date): Promise<void> {
  await db.update(notifyChannels).set({ holdUntil: until }).where(eq(notifyChannels.id, channelId));
}

/** Enabled channels with a digest time and no digest yet for `day`. */
export async function channelsWithoutDigest(db: DbOrTx, day: string) {
  return rowsOf<{ id: string; kind: string; digest_at: string; scope: string | null; created_ms: number }>(
    db,
    sql`select c.id, c.kind, c.digest_at, c.scope, (extract(epoch from c.created_at) * 1000)::float8 as created_ms from notify_channels c
      where c.enabled and c.digest_at is not null
        and not exists (select 1 from notify_deliveries d where d.channel_id = c.id and d.key = ${`digest:${day}`}::text)`,
  );
}

/** The channel's latest digest before `day`: its counts, for "the change since". */
export async function previousDigest(db: DbOrTx, channelId: string, day: string) {
  const [row] = await db
    .select({ key: notifyDeliveries.key, facts: notifyDeliveries.facts })
    .from(notifyDeliveries)
    .where(and(eq(notifyDeliveries.channelId, channelId), eq(notifyDeliveries.kind, 'digest'), sql`${notifyDeliveries.key} < ${`digest:${day}`}`))
    .orderBy(desc(notifyDeliveries.key))
    .limit(1);
  return row;
}

/**
 * Notices that became overdue lately (respond-by within the last `days` days, before `today`,
 * neither answered nor withdrawn) with no overdue alert yet for some channel that takes one.
 * Older ones are left alone: a channel made today does not get a flood of last month's.
 */
export async function overdueNoticesToAlert(db: DbOrTx, today: string, days: number) {
  return rowsOf<{ id: string; number: string; year: number; seq: number; unit_id: string; unit_code: string; unit_name: string; respond_by: string; issued_by_name: string; issued_ms: number }>(
    db,
    sql`select n.id, coalesce(n.number, '催办〔' || n.year || '〕第 ' || n.seq || ' 号') as number, n.year, n.seq, n.unit_id, n.unit_code, n.unit_name, n.respond_by::text as respond_by, n.issued_by_name,
        (extract(epoch from n.issued_at) * 1000)::float8 as issued_ms
      from notices n
      where n.answered_at is null and n.withdrawn_at is null and n.unit_id is not null -- a 督办 to an area is not alerted (yet)
        and n.respond_by < ${today}::date and n.respond_by >= ${today}::date - ${days}::int
        and exists (select 1 from notify_channels c where c.enabled and c.alerts @> '["notice_overdue"]'::jsonb
          and (c.scope is null or exists (select 1 from units u where u.id = n.unit_id and u.area_code like c.scope || '%'))
          and not exists (select 1 from notify_deliveries d where d.channel_id = c.id and d.key = 'notice:' || n.id || ':overdue'))
      order by n.respond_by, n.year, n.seq
      limit 500`,
  );
}


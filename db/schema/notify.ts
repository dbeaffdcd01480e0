// Notifications to the office's group chats: the robots (channels) and every message to them
// (deliveries), each stored before it is sent. A channel reports on its scope (an area code, or
// null for the whole installation).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const notifyChannels = pgTable('notify_channels', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** wecom | dingtalk */
  kind: text('kind').notNull(),
  /** a secret: never in a response, a log line or the audit log */
  webhookUrl: text('webhook_url').notNull(),
  /** DingTalk's 加签 secret, likewise */
  secret: text('secret'),
  /** "HH:MM" in the installation's time zone, or null for no daily digest */
  digestAt: text('digest_at'),
  alerts: jsonb('alerts').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  /** what it reports on: an area, or null for the whole installation */
  scope: text('scope'),
  enabled: boolean('enabled').notNull().default(true),
  /** epoch ms of the sends of the last minute: the robot's 20-a-minute limit, kept under the row's lock */
  recentSends: jsonb('recent_sends').$type<number[]>().notNull().default(sql`'[]'::jsonb`),
  /** no send before this: the robot said it was rate-limited */
  holdUntil: time('hold_until'),
  createdAt: time('created_at').notNull().defaultNow(),
  updatedAt: time('updated_at').notNull().defaultNow(),
});

export const notifyDeliveries = pgTable(
  'notify_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channelId: uuid('channel_id').notNull().references(() => notifyChannels.id),
    /** digest | test | an alert kind */
    kind: text('kind').notNull(),
    /** once per channel: the digest's date, the step and alert, a test's own id */
    key: text('key').notNull(),
    /** the message, robot-neutral: { title, text } in markdown */
    body: jsonb('body').$type<{ title: string; text: string }>().notNull(),
    /** what a digest counted, for the next one's "change since" */
    facts: jsonb('facts').$type<Record<string, number>>(),
    /** pending | sent | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** when it may next be tried; a claimed row is pushed ahead by the claim (its lease) */
    nextAt: time('next_at').notNull().defaultNow(),
    lastAnswer: text('last_answer'),
    createdAt: time('created_at').notNull().defaultNow(),
    sentAt: time('sent_at'),
  },
  (t) => [
    uniqueIndex('notify_deliveries_channel_key').on(t.channelId, t.key),
    index('notify_deliveries_due_idx').on(t.nextAt).where(sql`${t.status} = 'pending'`),
    index('notify_deliveries_log_idx').on(t.channelId, t.createdAt),
  ],
);

// Channels as the office manages them, the test message, and the alerts a step writes in its
// own transaction. The webhook address and the signing secret go into the database and the
// robot's request only: never into an answer, the log or the audit log.
import { randomUUID } from 'node:crypto';
import type { Db, DbOrTx } from '../../../db/client.js';
import { appendAudit } from '../../../db/queries/audit.js';
import { enqueue, enqueueAlert, failUnsentTest, findChannel, findDelivery, insertChannel, listChannels, listDeliveries, updateChannel, type ChannelRow, type DeliveryRow } from '../../../db/queries/notify.js';
import { readSettings } from '../../../db/queries/settings.js';
import { localDateTime } from '../../../shared/domain/dates.js';
import { BUSY_ANSWER } from '../../../shared/domain/robot-answer.js';
import { noticeOverdueAlert, testMessage } from '../../../shared/domain/notify-digest.js';
import type { Channel, ChannelKind, CreateChannel, Delivery, UpdateChannel } from '../../../shared/schemas/notify.js';
import type { Config } from '../../config.js';
import { actingNow, type Actor } from '../../lib/actor.js';
import { fail, isUuid } from '../../lib/errors.js';
import { requireScopeWithin } from '../../lib/scope.js';
import { unitLink } from '../../lib/step-alerts.js';
import { iso } from '../../lib/time.js';
import { maskWebhook, webhookProblem } from './notify.address.js';
import type { Sender } from './notify.sender.js';

export const toChannel = (r: ChannelRow): Channel => ({
  id: r.id,
  name: r.name,
  kind: r.kind as ChannelKind,
  webhookUrl: maskWebhook(r.webhookUrl),
  hasSecret: Boolean(r.secret),
  digestAt: r.digestAt,
  alerts: r.alerts as Channel['alerts'],
  enabled: r.enabled,
  scope: r.scope,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});

export const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  channelId: r.channelId,
  kind: r.kind as Delivery['kind'],
  key: r.key,
  title: r.body.title,
  status: r.status as Delivery['status'],
  attempts: r.attempts,
  lastAnswer: r.lastAnswer,
  createdAt: iso(r.createdAt),
  sentAt: r.sentAt ? iso(r.sentAt) : null,
  nextAt: r.status === 'pending' ? iso(r.nextAt) : null,
});

function checkWebhook(url: string, kind: ChannelKind, config: Config) {
  const problem = webhookProblem(url, kind, config.notify.allowedHosts);
  if (problem) throw fail.validation(problem, [{ field: 'webhookUrl', message: problem }]);
}

const hostOf = (url: string) => new URL(url).hostname;

/** What the audit log keeps of a channel: everything but the address's path and key, and the secret. */
const auditView = (r: ChannelRow) => ({
  name: r.name,
  kind: r.kind,
  host: hostOf(r.webhookUrl),
  hasSecret: Boolean(r.secret),
  digestAt: r.digestAt,
  alerts: r.alerts,
  enabled: r.enabled,
  scope: r.scope,
});

/** What the channels' services take: the database, and the configuration (the hosts a robot may live on, the public address). */
export interface ChannelsDeps {
  db: Db;
  config: Config;
}

export async function createChannel({ db, config }: ChannelsDeps, actor: Actor, input: CreateChannel): Promise<Channel> {
  checkWebhook(input.webhookUrl, input.kind, config);
  return db.transaction(async (tx) => {
    actor = await actingNow(tx, actor);
    // a channel reports on the office's own scope unless told a smaller one
    const scope = input.scope === undefined ? actor.scope : input.scope;
    await requireScopeWithin(tx, scope, actor.scope);
    const row = await insertChannel(tx, {
      scope,
      name: input.name,
      kind: input.kind,
      webhookUrl: input.webhookUrl,
      // WeChat Work's robot has no signing secret
      secret: input.kind === 'dingtalk' ? input.secret || null : null,
      digestAt: input.digestAt ?? null,
      alerts: [...new Set(input.alerts)],
      enabled: input.enabled,
    });
    await appendAudit(tx, actor, [{ action: 'channel.create', target: `channel:${row.id}`, details: auditView(row) }]);
    return toChannel(row);
  });
}

/** A channel by id, as the office sees it: one outside its scope does not exist. */
async function channelFor(db: DbOrTx, actor: Actor, id: string, opts: { lock?: boolean } = {}) {
  const row = isUuid(id) ? await findChannel(db, actor.reach, id, opts) : undefined;
  if (!row) throw fail.notFound('channel');
  return row;
}

export async function changeChannel({ db, config }: ChannelsDeps, actor: Actor, id: string, input: UpdateChannel): Promise<Channel> {
  if (!isUuid(id)) throw fail.notFound('channel');
  return db.transaction(async (tx) => {
    actor = await actingNow(tx, actor);
    const before = await channelFor(tx, actor, id, { lock: true });
    const kind = input.kind ?? (before.kind as ChannelKind);
    const webhookUrl = input.webhookUrl ?? before.webhookUrl;
    if (input.webhookUrl !== undefined || input.kind !== undefined) checkWebhook(webhookUrl, kind, config);
    const scope = input.scope === undefined ? before.scope : input.scope;
    if (scope !== before.scope) await requireScopeWithin(tx, scope, actor.scope);
    const secret = kind !== 'dingtalk' ? null : input.secret === undefined ? before.secret : input.secret || null;
    const after = await updateChannel(tx, id, {
      name: input.name ?? before.name,
      kind,
      webhookUrl,
      secret,
      digestAt: input.digestAt === undefined ? before.digestAt : input.digestAt,
      alerts: input.alerts ? [...new Set(input.alerts)] : before.alerts,
      enabled: input.enabled ?? before.enabled,
      scope,
    });
    await appendAudit(tx, actor, [
      {
        action: 'channel.update',
        target: `channel:${id}`,
        details: { before: auditView(before), after: auditView(after!), webhookChanged: webhookUrl !== before.webhookUrl, secretChanged: secret !== before.secret },
      },
    ]);
    return toChannel(after!);
  });
}

export async function disableChannel({ db }: ChannelsDeps, actor: Actor, id: string): Promise<Channel> {
  if (!isUuid(id)) throw fail.notFound('channel');
  return db.transaction(async (tx) => {
    actor = await actingNow(tx, actor);
    const before = await channelFor(tx, actor, id, { lock: true });
    const after = await updateChannel(tx, id, { enabled: false });
    await appendAudit(tx, actor, [{ action: 'channel.disable', target: `channel:${id}`, details: { name: before.name } }]);
    return toChannel(after!);
  });
}

/** The channels inside the office's scope (a county office does not see the city's robots). */
export async function channels({ db }: ChannelsDeps, actor: Actor): Promise<Channel[]> {
  return (await listChannels(db, actor.reach)).map(toChannel);
}

export async function deliveries({ db }: ChannelsDeps, actor: Actor, id: string, limit: number) {
  await channelFor(db, actor, id);
  const { rows, total } = await listDeliveries(db, id, limit);
  return { items: rows.map(toDelivery), total };
}

/**
 * A test message: a row like any other, sent at once (within the robot's minute), answered
 * with what the robot said. Left pending for the sender when the minute is used up.
 */
export async function sendTest({ db, config }: ChannelsDeps, actor: Actor, sender: Sender, id: string, now: Date): Promise<Delivery> {
  const row = await db.transaction(async (tx) => {
    actor = await actingNow(tx, actor);
    const channel = await channelFor(tx, actor, id);
    checkWebhook(channel.webhookUrl, channel.kind as ChannelKind, config);
    const { timezone } = await readSettings(tx);
    const created = await enqueue(tx, { channelId: id, kind: 'test', key: `test:${randomUUID()}`, body: testMessage(channel.name, localDateTime(now, timezone)), at: now });
    await appendAudit(tx, actor, [{ action: 'channel.test', target: `channel:${id}`, details: { deliveryId: created!.id } }]);
    return created!;
  });
  await sender.sendNow(id, row.id);
  // the robot's minute was used up: the test says so now rather than waiting in the outbox
  await failUnsentTest(db, row.id, BUSY_ANSWER);
  return toDelivery((await findDelivery(db, row.id))!);
}

/**
 * A notice (催办) left unanswered past its respond-by date: the sender's round calls it for each
 * one lately overdue (overdue is a date passing, not a write); the key makes it once per channel.
 */
export async function enqueueNoticeOverdueAlert(
  tx: DbOrTx,
  config: Config,
  n: { noticeId: string; number: string; respondBy: string; unit: { id: string; code: string; name: string }; issuedBy: string; issuedAt: Date },
): Promise<void> {
  const { timezone } = await readSettings(tx);
  const body = noticeOverdueAlert({ unit: n.unit, actor: n.issuedBy, at: localDateTime(n.issuedAt, timezone), number: n.number, respondBy: n.respondBy, link: unitLink(config, n.unit.id) });
  await enqueueAlert(tx, 'notice_overdue', `notice:${n.noticeId}:overdue`, body, n.unit.id);
}

// Kept only until the steps feature imports server/lib/step-alerts.ts (its home): delete then.

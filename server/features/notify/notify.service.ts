// Channels as the office manages them, the test message, and the alerts a step writes in its
// own transaction. The webhook address and the signing secret go into the database and the
// robot's request only: never into an answer, the log or the audit log.
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Db, DbOrTx } from '../../../db/client.js';
import { localDateTime } from '../../../shared/domain/dates.js';
import { alertForStep } from '../../../shared/domain/notify-alerts.js';
import {
  noticeOverdueAlert,
  postponementLimitAlert,
  registrationRejectedAlert,
  testMessage,
  wiringRefusedAlert,
  type AlertSubject,
} from '../../../shared/domain/notify-digest.js';
import type { Progress } from '../../../shared/domain/progress.js';
import type { Stage } from '../../../shared/domain/steps.js';
import type { Channel, ChannelKind, CreateChannel, Delivery, UpdateChannel } from '../../../shared/schemas/notify.js';
import type { Config } from '../../config.js';
import { recordAudit } from '../../lib/audit.js';
import { fail, isUuid } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';
import { readSettings } from '../settings/settings.repository.js';
import { maskWebhook, webhookProblem } from './notify.address.js';
import {
  enqueue,
  enqueueAlert,
  findChannel,
  findDelivery,
  insertChannel,
  listChannels,
  listDeliveries,
  updateChannel,
  type ChannelRow,
  type DeliveryRow,
} from './notify.repository.js';
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
});

export async function createChannel(db: Db, req: FastifyRequest, input: CreateChannel): Promise<Channel> {
  checkWebhook(input.webhookUrl, input.kind, req.server.config);
  return db.transaction(async (tx) => {
    const row = await insertChannel(tx, {
      name: input.name,
      kind: input.kind,
      webhookUrl: input.webhookUrl,
      // WeChat Work's robot has no signing secret
      secret: input.kind === 'dingtalk' ? input.secret || null : null,
      digestAt: input.digestAt ?? null,
      alerts: [...new Set(input.alerts)],
      enabled: input.enabled,
    });
    await recordAudit(tx, req, 'channel.create', `channel:${row.id}`, auditView(row));
    return toChannel(row);
  });
}

export async function changeChannel(db: Db, req: FastifyRequest, id: string, input: UpdateChannel): Promise<Channel> {
  if (!isUuid(id)) throw fail.notFound('channel');
  return db.transaction(async (tx) => {
    const before = await findChannel(tx, id, { lock: true });
    if (!before) throw fail.notFound('channel');
    const kind = input.kind ?? (before.kind as ChannelKind);
    const webhookUrl = input.webhookUrl ?? before.webhookUrl;
    if (input.webhookUrl !== undefined || input.kind !== undefined) checkWebhook(webhookUrl, kind, req.server.config);
    const secret = kind !== 'dingtalk' ? null : input.secret === undefined ? before.secret : input.secret || null;
    const after = await updateChannel(tx, id, {
      name: input.name ?? before.name,
      kind,
      webhookUrl,
      secret,
      digestAt: input.digestAt === undefined ? before.digestAt : input.digestAt,
      alerts: input.alerts ? [...new Set(input.alerts)] : before.alerts,
      enabled: input.enabled ?? before.enabled,
    });
    await recordAudit(tx, req, 'channel.update', `channel:${id}`, {
      before: auditView(before),
      after: auditView(after!),
      webhookChanged: webhookUrl !== before.webhookUrl,
      secretChanged: secret !== before.secret,
    });
    return toChannel(after!);
  });
}

export async function disableChannel(db: Db, req: FastifyRequest, id: string): Promise<Channel> {
  if (!isUuid(id)) throw fail.notFound('channel');
  return db.transaction(async (tx) => {
    const before = await findChannel(tx, id, { lock: true });
    if (!before) throw fail.notFound('channel');
    const after = await updateChannel(tx, id, { enabled: false });
    await recordAudit(tx, req, 'channel.disable', `channel:${id}`, { name: before.name });
    return toChannel(after!);
  });
}

export async function channels(db: DbOrTx): Promise<Channel[]> {
  return (await listChannels(db)).map(toChannel);
}

export async function deliveries(db: DbOrTx, id: string, limit: number) {
  if (!isUuid(id) || !(await findChannel(db, id))) throw fail.notFound('channel');
  const { rows, total } = await listDeliveries(db, id, limit);
  return { items: rows.map(toDelivery), total };
}

/**
 * A test message: a row like any other, sent at once (within the robot's minute), answered
 * with what the robot said. Left pending for the sender when the minute is used up.
 */
export async function sendTest(db: Db, req: FastifyRequest, sender: Sender, id: string, now: Date): Promise<Delivery> {
  if (!isUuid(id)) throw fail.notFound('channel');
  const channel = await findChannel(db, id);
  if (!channel) throw fail.notFound('channel');
  checkWebhook(channel.webhookUrl, channel.kind as ChannelKind, req.server.config);
  const { timezone } = await readSettings(db);
  const row = await db.transaction(async (tx) => {
    const created = await enqueue(tx, { channelId: id, kind: 'test', key: `test:${randomUUID()}`, body: testMessage(channel.name, localDateTime(now, timezone)), at: now });
    await recordAudit(tx, req, 'channel.test', `channel:${id}`, { deliveryId: created!.id });
    return created!;
  });
  await sender.sendNow(id, row.id);
  return toDelivery((await findDelivery(db, row.id))!);
}

export interface StepAlertInput {
  stepId: string;
  type: string;
  stage: Stage;
  unit: { id: string; code: string; name: string };
  actorName: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  progress: Progress;
}

const linkTo = (config: Config, unitId: string) => (config.publicOrigin ? `${config.publicOrigin}/units/${encodeURIComponent(unitId)}` : undefined);

/**
 * Called by the step write path inside the step's own transaction: the alert rows for every
 * channel that takes this alert land with the step or not at all. Writes nothing for a step
 * that raises no alert or when no channel takes it.
 */
export async function enqueueStepAlerts(tx: DbOrTx, config: Config, s: StepAlertInput): Promise<void> {
  const settings = await readSettings(tx);
  const alert = alertForStep(s.type, s.progress.postponements, settings.postponementLimit);
  if (!alert) return;
  const reason = typeof s.data.reason === 'string' ? s.data.reason : null;
  const subject: AlertSubject = { unit: s.unit, actor: s.actorName, at: localDateTime(s.occurredAt, settings.timezone), reason, link: linkTo(config, s.unit.id) };
  const body =
    alert === 'wiring_refused'
      ? wiringRefusedAlert(subject)
      : alert === 'registration_rejected'
        ? registrationRejectedAlert(subject)
        : postponementLimitAlert({ ...subject, stage: s.stage, postponements: s.progress.postponements, limit: settings.postponementLimit, until: typeof s.data.until === 'string' ? s.data.until : null });
  await enqueueAlert(tx, alert, `step:${s.stepId}:${alert}`, body);
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
  const body = noticeOverdueAlert({ unit: n.unit, actor: n.issuedBy, at: localDateTime(n.issuedAt, timezone), number: n.number, respondBy: n.respondBy, link: linkTo(config, n.unit.id) });
  await enqueueAlert(tx, 'notice_overdue', `notice:${n.noticeId}:overdue`, body);
}

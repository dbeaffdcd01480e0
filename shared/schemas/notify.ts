// Notification channels (a WeChat Work or DingTalk group robot) and their delivery log.
import { z } from 'zod';
import { AreaCode } from './areas.js';
import { Id, IsoDateTime, Text } from './common.js';

export const CHANNEL_KINDS = ['wecom', 'dingtalk'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** The instant alerts a channel may take. `notice_overdue` waits for the notices feature. */
export const ALERT_KINDS = ['wiring_refused', 'postponement_limit', 'registration_rejected', 'notice_overdue'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const DELIVERY_KINDS = ['digest', 'test', ...ALERT_KINDS] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;

export const DigestAt = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM, e.g. 08:30');
/** Checked further by the server: allowed host, HTTPS, no private address (server/features/notify/notify.address.ts). */
export const WebhookUrl = z.string().trim().min(1).max(2000);

const channelFields = {
  name: Text(100).min(1),
  kind: z.enum(CHANNEL_KINDS),
  webhookUrl: WebhookUrl,
  /** DingTalk's 加签 secret (SEC…); null removes it */
  secret: z.string().trim().max(200).nullish(),
  digestAt: DigestAt.nullish(),
  alerts: z.array(z.enum(ALERT_KINDS)).max(ALERT_KINDS.length).default([]),
  enabled: z.boolean().default(true),
  /** what it reports on: an area inside the office's scope, or null for the whole installation; absent: the office's scope */
  scope: AreaCode.nullish(),
};

export const CreateChannel = z.object(channelFields);
export type CreateChannel = z.infer<typeof CreateChannel>;

/** Every field optional; a webhookUrl or secret left out keeps the stored one. */
export const UpdateChannel = z.object({
  name: channelFields.name.optional(),
  kind: channelFields.kind.optional(),
  webhookUrl: WebhookUrl.optional(),
  secret: channelFields.secret,
  digestAt: channelFields.digestAt,
  alerts: z.array(z.enum(ALERT_KINDS)).max(ALERT_KINDS.length).optional(),
  enabled: z.boolean().optional(),
  scope: channelFields.scope,
});
export type UpdateChannel = z.infer<typeof UpdateChannel>;

export const Channel = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  /** host and path only, every query value replaced by **** */
  webhookUrl: z.string(),
  hasSecret: z.boolean(),
  digestAt: z.string().nullable(),
  alerts: z.array(z.enum(ALERT_KINDS)),
  enabled: z.boolean(),
  /** the area it reports on, null for the whole installation */
  scope: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Channel = z.infer<typeof Channel>;
export const ChannelResponse = z.object({ channel: Channel });
export const ChannelList = z.object({ items: z.array(Channel) });

export const Delivery = z.object({
  id: Id,
  channelId: Id,
  kind: z.enum(DELIVERY_KINDS),
  key: z.string(),
  title: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  /** what the robot answered last (or why nothing was sent) */
  lastAnswer: z.string().nullable(),
  createdAt: IsoDateTime,
  sentAt: IsoDateTime.nullable(),
  nextAt: IsoDateTime.nullable(),
});
export type Delivery = z.infer<typeof Delivery>;
export const DeliveryResponse = z.object({ delivery: Delivery });
export const DeliveryList = z.object({ items: z.array(Delivery), total: z.number().int() });
export const DeliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

/** GET /api/channels/preview: the digest a channel of this kind and scope would get now, before it is saved. */
export const DigestPreviewQuery = z.object({ kind: z.enum(CHANNEL_KINDS), scope: AreaCode.optional() });
export const DigestPreview = z.object({ title: z.string(), text: z.string() });
export type DigestPreviewQuery = z.infer<typeof DigestPreviewQuery>;
export type DigestPreview = z.infer<typeof DigestPreview>;

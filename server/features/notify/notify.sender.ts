// The sender loop of one server process: every few seconds it gives up what is a day old,
// writes the digests that are due, claims the messages due and sends them. Every process runs
// one; the claim (notify.repository.ts) keeps them from sending one message twice.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../db/client.js';
import { instantAt, today } from '../../../shared/domain/dates.js';
import { signedDingtalkUrl } from '../../../shared/domain/dingtalk-sign.js';
import type { Message } from '../../../shared/domain/notify-digest.js';
import { DELIVERY_RULE, nextTry, outcomeOf } from '../../../shared/domain/notify-retry.js';
import type { ChannelKind } from '../../../shared/schemas/notify.js';
import type { Config } from '../../config.js';
import { readSettings } from '../../../db/queries/settings.js';
import { webhookProblem } from './notify.address.js';
import { buildDigestFor } from './notify.digest.js';
import { enqueueNoticeOverdueAlert } from './notify.service.js';
import { channelsWithoutDigest, overdueNoticesToAlert, claimDue, enqueue, giveUpExpired, holdChannel, previousDigest, release, settle, type Claimed } from '../../../db/queries/notify.js';
import { httpTransport, type Transport } from './notify.transport.js';

/** bytes of a robot's answer kept; its answers are a line of JSON */
export const ANSWER_MAX_BYTES = 4096;
/** a notice that went overdue up to this many days ago still raises its alert (a server down for a weekend) */
const NOTICE_OVERDUE_LOOKBACK_DAYS = 3;
/** what is stored of it in the log */
const STORED_ANSWER_CHARS = 500;

export interface SenderOptions {
  /** the time as the sender sees it: tests move it */
  clock?: () => Date;
  transport?: Transport;
}

export interface Sender {
  start(): void;
  stop(): Promise<void>;
  /** one round: give up, plan digests, claim and send (tests call it directly) */
  tick(): Promise<void>;
  /** sends one delivery now if its robot's minute allows, and answers it as it then stands */
  sendNow(channelId: string, deliveryId: string): Promise<void>;
}

/** The JSON each robot takes for a markdown message. */
export function robotBody(kind: ChannelKind, m: Message): string {
  return JSON.stringify(
    kind === 'wecom' ? { msgtype: 'markdown', markdown: { content: m.text } } : { msgtype: 'markdown', markdown: { title: m.title, text: m.text } },
  );
}

/** The answer's errcode; read from the text itself when the answer was cut at the cap. */
const errcodeOf = (text: string): number | undefined => {
  try {
    const v = (JSON.parse(text) as { errcode?: unknown }).errcode;
    if (typeof v === 'number') return v;
  } catch {
    /* cut, or not JSON */
  }
  const m = /^\s*\{\s*"errcode"\s*:\s*(-?\d+)/.exec(text);
  return m ? Number(m[1]) : undefined;
};

export function createSender({ db, config, log, clock = () => new Date(), transport = httpTransport }: { db: Db; config: Config; log: FastifyBaseLogger } & SenderOptions): Sender {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  async function deliver({ delivery, channel }: Claimed): Promise<ReturnType<typeof outcomeOf>> {
    const kind = channel.kind as ChannelKind;
    const problem = webhookProblem(channel.webhookUrl, kind, config.notify.allowedHosts);
    let outcome: ReturnType<typeof outcomeOf>;
    let text: string;
    if (problem) {
      // the allow-list changed since the channel was saved: nothing is sent
      outcome = 'failed';
      text = `not sent: ${problem}`;
    } else {
      const url = kind === 'dingtalk' && channel.secret ? await signedDingtalkUrl(channel.webhookUrl, channel.secret, clock().getTime()) : channel.webhookUrl;
      const answer = await transport({ url, body: robotBody(kind, delivery.body), timeoutMs: config.notify.timeoutMs, maxAnswerBytes: ANSWER_MAX_BYTES });
      outcome = outcomeOf({ status: answer.status, errcode: answer.status === 200 ? errcodeOf(answer.text) : undefined });
      const redirect = answer.status !== null && answer.status >= 300 && answer.status < 400 ? ' (redirect not followed)' : '';
      text = answer.status === null ? answer.text : `HTTP ${answer.status}${redirect} ${answer.text}`.trim();
    }
    const now = clock();
    const answer = text.slice(0, STORED_ANSWER_CHARS);
    // a test message answers the clerk who sent it, now: it is never tried again behind their back
    const once = delivery.kind === 'test';
    if (outcome === 'sent') await settle(db, delivery.id, { status: 'sent', answer, sentAt: now });
    else if (outcome === 'failed') await settle(db, delivery.id, { status: 'failed', answer });
    else if (once) {
      if (outcome === 'rate_limited') await holdChannel(db, channel.id, new Date(now.getTime() + DELIVERY_RULE.holdAfterRateLimitMs));
      await settle(db, delivery.id, { status: 'failed', answer });
    } else {
      if (outcome === 'rate_limited') await holdChannel(db, channel.id, new Date(now.getTime() + DELIVERY_RULE.holdAfterRateLimitMs));
      const next = nextTry(delivery.createdAt.getTime(), delivery.attempts, now.getTime());
      await settle(db, delivery.id, next === null ? { status: 'failed', answer: `gave up: not sent within 24 hours; last answer: ${answer}` } : { status: 'pending', answer, nextAt: new Date(next) });
    }
    // the channel and delivery by id only: never the address
    log.info({ deliveryId: delivery.id, channelId: channel.id, kind: delivery.kind, outcome, attempts: delivery.attempts }, 'notification tried');
    return outcome;
  }

  const lease = (now: Date) => new Date(now.getTime() + config.notify.timeoutMs + 60_000);

  async function sendClaimed(claimed: Claimed[]) {
    // channels side by side, one message after another within a channel (in the order written)
    const byChannel = new Map<string, Claimed[]>();
    for (const c of claimed) byChannel.set(c.channel.id, [...(byChannel.get(c.channel.id) ?? []), c]);
    await Promise.all(
      [...byChannel.values()].map(async (list) => {
        for (const [i, c] of list.entries()) {
          if ((await deliver(c)) !== 'rate_limited') continue;
          // the robot said "too fast": the rest wait with it
          await release(db, list.slice(i + 1).map((r) => r.delivery.id), new Date(clock().getTime() + DELIVERY_RULE.holdAfterRateLimitMs));
          break;
        }
      }),
    );
  }

  async function planDigests(now: Date) {
    const { timezone } = await readSettings(db);
    const day = today(timezone, now);
    const due = (await channelsWithoutDigest(db, day)).filter((c) => {
      const at = instantAt(day, c.digest_at, timezone).getTime();
      // a channel made after today's digest time gets its first digest tomorrow
      return now.getTime() >= at && at >= c.created_ms - 60_000;
    });
    if (due.length === 0) return;
    const built = new Map<string, Awaited<ReturnType<typeof buildDigestFor>>>();
    for (const c of due) {
      const previous = await previousDigest(db, c.id, day);
      // channels of one kind and scope, with the same previous digest, get the same message
      const cacheKey = `${c.kind}|${c.scope ?? ''}|${previous?.key ?? ''}`;
      let digest = built.get(cacheKey);
      if (!digest) {
        digest = await buildDigestFor(db, config, { day, now, kind: c.kind as ChannelKind, scope: c.scope, previous });
        built.set(cacheKey, digest);
      }
      // the key makes it once per channel per day, whichever process gets here first
      await enqueue(db, { channelId: c.id, kind: 'digest', key: `digest:${day}`, body: digest.message, facts: { ...digest.facts }, at: now });
    }
  }

  /** Notices left unanswered past their date: one alert each, to the channels that take it. */
  async function planNoticeAlerts(now: Date) {
    const { timezone } = await readSettings(db);
    for (const n of await overdueNoticesToAlert(db, today(timezone, now), NOTICE_OVERDUE_LOOKBACK_DAYS)) {
      await enqueueNoticeOverdueAlert(db, config, {
        noticeId: n.id,
        number: n.number,
        respondBy: n.respond_by,
        unit: { id: n.unit_id, code: n.unit_code, name: n.unit_name },
        issuedBy: n.issued_by_name,
        issuedAt: new Date(n.issued_ms),
      });
    }
  }

  async function tick() {
    const now = clock();
    await giveUpExpired(db, now, DELIVERY_RULE.giveUpAfterMs);
    await planDigests(now);
    await planNoticeAlerts(now);
    await sendClaimed(await claimDue(db, now, lease(now)));
  }

  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      running = tick()
        .catch((err: unknown) => log.warn({ err: err instanceof Error ? { message: err.message } : String(err) }, 'notification round failed'))
        .finally(() => {
          running = undefined;
          if (!stopped) schedule(config.notify.pollMs);
        });
    }, ms);
    timer.unref();
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    tick,
    async sendNow(channelId, deliveryId) {
      const now = clock();
      await sendClaimed(await claimDue(db, now, lease(now), { channelId, deliveryId }));
    },
  };
}


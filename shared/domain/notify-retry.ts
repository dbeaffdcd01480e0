// When a message to a group robot is tried again, when it is given up, and how many a robot
// takes a minute: the delivery rules as pure functions, one table each.

export const DELIVERY_RULE = {
  /** the first retry waits this long; each further one twice as long as the one before */
  firstWaitMs: 30_000,
  /** no wait is longer than this */
  maxWaitMs: 60 * 60_000,
  /** a message not sent this long after it was written is given up and shown as failed */
  giveUpAfterMs: 24 * 60 * 60_000,
  /** each robot takes about 20 messages a minute (WeChat Work and DingTalk alike) */
  perMinute: 20,
  windowMs: 60_000,
  /** after the robot says "too fast", nothing more is sent to it for this long */
  holdAfterRateLimitMs: 60_000,
} as const;

/** The wait before the next try after `attempts` tries: 30 s, 1 min, 2 min, 4 min … at most 1 h. */
export function retryWait(attempts: number): number {
  const n = Math.max(1, attempts);
  return Math.min(DELIVERY_RULE.maxWaitMs, DELIVERY_RULE.firstWaitMs * 2 ** Math.min(n - 1, 20));
}

/** When the next try is due after a retryable failure, or null when the message is to be given up. */
export function nextTry(createdAt: number, attempts: number, now: number): number | null {
  const at = now + retryWait(attempts);
  return at - createdAt > DELIVERY_RULE.giveUpAfterMs ? null : at;
}

/**
 * The robot's sliding minute: the sends kept (those of the last minute) and how many more may
 * go now.
 */
export function rateRoom(recentSends: readonly number[], now: number): { kept: number[]; room: number } {
  const kept = recentSends.filter((t) => t > now - DELIVERY_RULE.windowMs && t <= now).sort((a, b) => a - b);
  return { kept, room: Math.max(0, DELIVERY_RULE.perMinute - kept.length) };
}

/** What a robot's answer means for the message. */
export type Outcome = 'sent' | 'retry' | 'rate_limited' | 'failed';

/**
 * errcodes the robots use for "too many messages": WeChat Work 45009 ("api freq out of limit"),
 * DingTalk 130101 ("send too fast"). Those are retried, and the robot is left alone a minute.
 */
const RATE_LIMIT_ERRCODES: readonly number[] = [45009, 130101];

export interface RobotAnswer {
  /** the HTTP status, or null when no answer came (network error, timeout) */
  status: number | null;
  /** the answer's JSON errcode, when it had one */
  errcode?: number;
}

export function outcomeOf(a: RobotAnswer): Outcome {
  if (a.status === null) return 'retry';
  if (a.status === 429) return 'rate_limited';
  if (a.status >= 500) return 'retry';
  if (a.status !== 200) return 'failed'; // a redirect, a 404, a 403: the address is wrong, trying again changes nothing
  if (a.errcode !== undefined && RATE_LIMIT_ERRCODES.includes(a.errcode)) return 'rate_limited';
  return a.errcode === 0 ? 'sent' : 'failed';
}

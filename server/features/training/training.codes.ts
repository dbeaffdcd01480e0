// The rotating sign-in code and the public route's guard. A code is a function of the training's
// secret (never sent out) and the minute's slot, so nothing is stored per code and every server
// process agrees; it is taken for CODE_VALID_SLOTS slots. Wrong codes are counted per address:
// a hall's phones share one address, so only failures count, and brute force (a million codes)
// is out of reach at 10 failures per 5 minutes. An IPv6 caller is counted by its /64: one
// subscriber holds a whole /64, and would otherwise get a fresh count with every address in it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { CODE_VALID_SLOTS, codeExpiresAt, codeSlot } from '../../../shared/domain/training.js';
import { fail } from '../../lib/errors.js';

export const newSecret = () => randomBytes(24).toString('base64url');

export function codeFor(secret: string, trainingId: string, slot: number): string {
  const mac = createHmac('sha256', secret).update(`${trainingId}:${slot}`).digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export function currentCode(secret: string, trainingId: string, now: Date) {
  const slot = codeSlot(now);
  return { code: codeFor(secret, trainingId, slot), expiresAt: codeExpiresAt(slot) };
}

/** Whether `code` is the code of this slot or of one still taken. */
export function codeIsValid(secret: string, trainingId: string, code: string, now: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const slot = codeSlot(now);
  let ok = false;
  for (let back = 0; back < CODE_VALID_SLOTS; back++) {
    // compare every candidate in constant time: which slot matched says nothing
    ok = timingSafeEqual(Buffer.from(codeFor(secret, trainingId, slot - back)), Buffer.from(code)) || ok;
  }
  return ok;
}

export const FAILURES_ALLOWED = 10;
export const FAILURE_WINDOW_MS = 5 * 60 * 1000;
const failures = new Map<string, number[]>();

/** Whom the failures are counted against: an IPv4 address as is, an IPv6 one by its /64 network. */
export function limitKey(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const parts = ipaddr.IPv6.parse(ip).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(':')}::/64`;
}

/** Refuses (429) an address that gave too many wrong codes lately. */
export function checkNotLimited(ip: string, now: Date) {
  const key = limitKey(ip);
  const recent = (failures.get(key) ?? []).filter((t) => t > now.getTime() - FAILURE_WINDOW_MS);
  failures.set(key, recent);
  if (recent.length >= FAILURES_ALLOWED) {
    const retryAfter = Math.ceil((recent[0]! + FAILURE_WINDOW_MS - now.getTime()) / 1000);
    throw fail.rateLimited(`签到码错误次数过多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试。`, retryAfter);
  }
}

export function noteFailure(ip: string, now: Date) {
  const key = limitKey(ip);
  const list = failures.get(key) ?? [];
  list.push(now.getTime());
  failures.set(key, list);
  // keep the map small: addresses with nothing recent are forgotten
  if (failures.size > 10_000) for (const [k, v] of failures) if (v.every((t) => t <= now.getTime() - FAILURE_WINDOW_MS)) failures.delete(k);
}

/** Tests start each address afresh. */
export const forgetFailures = () => failures.clear();

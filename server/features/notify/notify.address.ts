// Where the server may send: a robot's webhook address is checked when it is saved and again
// before every send, so that a channel cannot be used to reach into the server's own network.
import { BlockList, isIP } from 'node:net';
import type { ChannelKind } from '../../../shared/schemas/notify.js';

/** The two robots' official hosts: the default of NOTIFY_ALLOWED_HOSTS. */
export const OFFICIAL_HOSTS = ['qyapi.weixin.qq.com', 'oapi.dingtalk.com'];

// Addresses no robot lives at: private networks, link-local (cloud metadata), carrier NAT,
// multicast, reserved, unspecified. Loopback is apart: allowed only when named in the list.
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) PRIVATE.addSubnet(net, bits, 'ipv6');
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const bare = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase();
/** an IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 one */
const unmapped = (ip: string) => {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1] : ip;
};

export function isLoopbackAddress(ip: string): boolean {
  const a = unmapped(bare(ip));
  const v = isIP(a);
  return v !== 0 && LOOPBACK.check(a, v === 4 ? 'ipv4' : 'ipv6');
}

export function isPrivateAddress(ip: string): boolean {
  const a = unmapped(bare(ip));
  const v = isIP(a);
  return v !== 0 && PRIVATE.check(a, v === 4 ? 'ipv4' : 'ipv6');
}

const isLoopbackHost = (host: string) => host === 'localhost' || isLoopbackAddress(host);

/** The query parameter that carries each robot's key. */
const KEY_PARAM: Record<ChannelKind, string> = { wecom: 'key', dingtalk: 'access_token' };

/** Why the address may not be used, in words for the 400; null when it may. */
export function webhookProblem(raw: string, kind: ChannelKind, allowed: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a web address (https://…)';
  }
  const host = bare(url.hostname);
  if (url.username || url.password) return 'a webhook address may not carry a user name or password';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(host))) return 'the webhook address must start with https://';
  if (isPrivateAddress(host)) return 'a private or reserved network address is refused';
  if (!allowed.includes(host)) return `the host ${host} is not allowed (NOTIFY_ALLOWED_HOSTS: ${allowed.join(', ')})`;
  if (!url.searchParams.get(KEY_PARAM[kind])) return `a ${kind === 'wecom' ? 'WeChat Work' : 'DingTalk'} robot address carries ${KEY_PARAM[kind]}=…`;
  return null;
}

/**
 * Whether a name the DNS resolved may be connected to: never a private address, and loopback
 * only for a host that is itself a loopback name (no public name pointing inside).
 */
export function addressProblem(host: string, address: string): string | null {
  if (isPrivateAddress(address)) return `${bare(host)} resolved to a private address`;
  if (isLoopbackAddress(address) && !isLoopbackHost(bare(host))) return `${bare(host)} resolved to a loopback address`;
  return null;
}

/** The address as shown after saving: host and path, every query value replaced by ****. */
export function maskWebhook(raw: string): string {
  try {
    const url = new URL(raw);
    const params = [...url.searchParams.keys()].map((k) => `${encodeURIComponent(k)}=****`);
    return `${url.protocol}//${url.host}${url.pathname}${params.length ? `?${params.join('&')}` : ''}`;
  } catch {
    return '****';
  }
}

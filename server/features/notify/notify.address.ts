// Where the server may send: a robot's webhook address is checked when it is saved and again
// before every send, so that a channel cannot be used to reach into the server's own network.
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { ChannelKind } from '../../../shared/schemas/notify.js';

/** The two robots' official hosts: the default of NOTIFY_ALLOWED_HOSTS. */
export const OFFICIAL_HOSTS = ['qyapi.weixin.qq.com', 'oapi.dingtalk.com'];

// Where a robot can live: ipaddr.js's `unicast` range only, i.e. none of its special ranges
// (private, carrier NAT, link-local / cloud metadata, multicast, broadcast, reserved and
// documentation, unspecified, unique and site-local, NAT64 64:ff9b::/96 and 64:ff9b:1::/48,
// 6to4 2002::/16, Teredo, …): a list kept by a library, not by hand here. An IPv4 address
// written as IPv6 (::ffff:a.b.c.d) is judged as the IPv4 one. The deprecated IPv4-compatible
// form ::a.b.c.d falls in ipaddr.js's `unicast`, yet no robot is reached by it: refused too.
// Loopback is apart: allowed only for a loopback name, as the tests' own robot is.

const bare = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase();

/** The address as ipaddr.js reads it (IPv4-mapped made IPv4), or null for what is not an address. */
function parsed(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const a = bare(ip);
  // node's own strict test first: ipaddr.js would also read "1" or "0x7f.1" as IPv4
  const v = isIP(a);
  if (v === 0) return null;
  try {
    // IPv6 in its canonical hex form first: ipaddr.js reads the dotted ::a.b.c.d as if it
    // were ::ffff:a.b.c.d (mapped), which would judge an IPv4-compatible address as its IPv4
    return ipaddr.process(v === 6 ? bare(new URL(`http://[${a}]/`).hostname) : a);
  } catch {
    return null;
  }
}

const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

export function isLoopbackAddress(ip: string): boolean {
  return parsed(ip)?.range() === 'loopback';
}

/** Not where a robot can be: any address outside ipaddr.js's `unicast` range, loopback aside. */
export function isPrivateAddress(ip: string): boolean {
  const a = parsed(ip);
  if (!a) return false;
  const range = a.range();
  if (range === 'loopback') return false;
  if (range !== 'unicast') return true;
  return a.kind() === 'ipv6' && a.match(IPV4_COMPATIBLE);
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
  // the URL drops :443 from an https address; any other port only on this machine (the tests' robot)
  if (url.port !== '' && !isLoopbackHost(host)) return `the webhook address must use HTTPS's own port 443, not ${url.port}`;
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

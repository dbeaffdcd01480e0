// The caller's address as the audit log, the login throttle and the log keep it. Behind a
// trusted proxy (TRUST_PROXY) Fastify reads it from X-Forwarded-For, which a client may fill
// with anything: a value that is not a plain address is replaced by the connection's own (the
// proxy's), so that no junk reaches the audit log, whose index refuses a value over 2,704 bytes.
// Node calls an IPv6 address with a zone ("fe80::1%<8,000 characters>") valid: zones are refused.
import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

/** The longest textual IPv6 address without a zone (an IPv4-mapped one). */
const MAX_LENGTH = 45;

const plain = (ip: string | undefined): ip is string => !!ip && ip.length <= MAX_LENGTH && !ip.includes('%') && isIP(ip) !== 0;

/** IPv4 as IPv4, also when a dual-stack socket reports it IPv4-mapped (::ffff:1.2.3.4). */
const unmapped = (ip: string) => (ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip);

export const clientIp = (req: FastifyRequest): string => {
  const ip = plain(req.ip) ? req.ip : req.socket.remoteAddress;
  return plain(ip) ? unmapped(ip) : 'unknown';
};

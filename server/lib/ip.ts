// The caller's address as the audit log and login throttling keep it. Behind a trusted proxy
// (TRUST_PROXY) Fastify reads it from X-Forwarded-For, which a client may fill with anything: a
// value that is not an address is replaced by the connection's own (the proxy's), so that no
// junk reaches the audit log, whose index refuses a value over 2,704 bytes.
import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

export const clientIp = (req: FastifyRequest): string => (isIP(req.ip) ? req.ip : (req.socket.remoteAddress ?? 'unknown'));

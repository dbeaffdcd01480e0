import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../db/client.js';
import { audit } from '../../db/schema/index.js';
import { clientIp } from './ip.js';

/** Appends one audit row; called inside the write's own transaction so both land or neither. */
export async function recordAudit(
  db: DbOrTx,
  req: FastifyRequest,
  action: string,
  target: string | null,
  details?: unknown,
  actor: { id: string; username: string; role: string } | null = req.user,
): Promise<void> {
  await db.insert(audit).values({
    actorId: actor?.id ?? null,
    actorUsername: actor?.username ?? null,
    actorRole: actor?.role ?? null,
    action,
    target,
    ip: clientIp(req),
    details: details ?? null,
  });
}

import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../db/client.js';
import { appendAudit } from '../../db/queries/audit.js';
import { clientIp } from './ip.js';

/** @deprecated call db/queries/audit.ts's appendAudit with the service's Actor */
export async function recordAudit(
  db: DbOrTx,
  req: FastifyRequest,
  action: string,
  target: string | null,
  details?: unknown,
  actor: { id: string; username: string; role: string } | null = req.user,
): Promise<void> {
  await appendAudit(db, { id: actor?.id ?? null, username: actor?.username ?? null, role: actor?.role ?? null, ip: clientIp(req) }, { action, target, details });
}

// Who is acting, as a service sees it: a plain value taken from the request once, so that the
// rules below the routes do not depend on HTTP.
import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../db/client.js';
import { audit } from '../../db/schema/index.js';
import type { Role } from '../../shared/domain/catalogue.js';
import { clientIp } from './ip.js';

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  /** the area the actor sees, null for the whole installation (a unit user: its unit decides) */
  scope: string | null;
  ip: string;
}

export const actorOf = (req: FastifyRequest): Actor => {
  const u = req.user!;
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId, scope: u.scope, ip: clientIp(req) };
};

/** Audit rows written by a service, inside the write's own transaction. */
export async function auditAs(db: DbOrTx, actor: Actor, rows: { action: string; target: string | null; details?: unknown }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(audit).values(
    rows.map((r) => ({ actorId: actor.id, actorUsername: actor.username, actorRole: actor.role, action: r.action, target: r.target, ip: actor.ip, details: r.details ?? null })),
  );
}

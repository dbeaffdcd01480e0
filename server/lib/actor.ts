// Who is acting, as a service sees it: a plain value taken from the request once, so that the
// rules below the routes do not depend on HTTP. Its reach (db/queries/reach.ts) is what every
// read and write of the service is limited to.
import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../db/client.js';
import { lockedReach, reachOf, type Reach } from '../../db/queries/reach.js';
import { fail } from './errors.js';
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
  reach: Reach;
  ip: string;
}

type ActorUser = Pick<Actor, 'id' | 'username' | 'displayName' | 'role' | 'unitId' | 'scope'>;

/** An actor for a user (a script, a test, or the request below). */
export const actorFor = (u: ActorUser, ip: string): Actor => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  unitId: u.unitId,
  scope: u.scope,
  reach: reachOf(u),
  ip,
});

export const actorOf = (req: FastifyRequest): Actor => actorFor(req.user!, clientIp(req));

/** The actor with its reach as re-read under lock inside a write (db/queries/reach.ts lockedReach). */
export const withReach = (actor: Actor, reach: Reach): Actor => ({ ...actor, reach, scope: reach.role === 'unit' ? null : reach.scope, unitId: reach.role === 'unit' ? reach.unitId : null });

/**
 * The actor as it is now, inside a write's transaction: its reach re-read under a share lock on
 * its user row (db/queries/reach.ts lockedReach), so that a request that passed its checks before
 * an office narrowed, disabled or re-roled the user acts under what the user may do now — and the
 * change waits for this write. A user gone, disabled or given another role is signed out (401).
 */
export async function actingNow(tx: DbOrTx, actor: Actor): Promise<Actor> {
  const reach = await lockedReach(tx, actor.id);
  if (!reach || reach.role !== actor.role) throw fail.unauthenticated('your session ended: log in again');
  return withReach(actor, reach);
}

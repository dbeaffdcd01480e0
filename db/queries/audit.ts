// The audit log: the one way an entry is written (appendAudit), inside the write's own
// transaction so that both land or neither.
import type { DbOrTx } from '../client.js';
import { audit } from '../schema/index.js';

/** Who did it: a signed-in user, or nobody yet (a failed login) with the address it came from. */
export interface AuditActor {
  id: string | null;
  username: string | null;
  role: string | null;
  ip: string | null;
}

export interface AuditEntry {
  action: string;
  target: string | null;
  details?: unknown;
}

export async function appendAudit(db: DbOrTx, by: AuditActor, entries: AuditEntry | readonly AuditEntry[]): Promise<void> {
  const rows = Array.isArray(entries) ? (entries as readonly AuditEntry[]) : [entries as AuditEntry];
  if (rows.length === 0) return;
  await db.insert(audit).values(
    rows.map((r) => ({ actorId: by.id, actorUsername: by.username, actorRole: by.role, action: r.action, target: r.target, ip: by.ip, details: r.details ?? null })),
  );
}

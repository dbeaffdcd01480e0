// The audit log as an office reads it: a scoped office, only the entries about its scope.
import type { DbOrTx } from '../../../db/client.js';
import { listAudit } from '../../../db/queries/audit.js';
import { readSettings } from '../../../db/queries/settings.js';
import type { AuditQuery } from '../../../shared/schemas/audit.js';
import type { Actor } from '../../lib/actor.js';

export async function auditLog(db: DbOrTx, actor: Actor, q: AuditQuery) {
  // a day of the date filter is a day where the campaign is
  const { timezone } = q.from || q.to ? await readSettings(db) : { timezone: 'UTC' };
  const { items, total } = await listAudit(db, actor.reach, q, timezone);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

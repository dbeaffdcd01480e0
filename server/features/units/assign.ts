// Assigning units to technicians: who looks after which unit. Focus, not permission.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { units, users } from '../../../db/schema/index.js';
import { fail, isUuid } from '../../lib/errors.js';

/** The technician behind an id (400 naming `field` when there is none, or it is not a technician). */
export async function requireTechnician(db: DbOrTx, id: string, field = 'assigneeId'): Promise<void> {
  const [user] = isUuid(id) ? await db.select({ role: users.role, disabled: users.disabled }).from(users).where(eq(users.id, id)).limit(1) : [];
  if (!user || user.role !== 'technician' || user.disabled) {
    throw fail.validation(`${field} must name an active technician`, [{ field, message: 'must name an active technician' }]);
  }
}

export async function assignUnits(
  db: DbOrTx,
  { technicianId, unitIds, parentCode }: { technicianId: string | null; unitIds?: string[]; parentCode?: string },
): Promise<number> {
  const ids = unitIds?.filter(isUuid);
  const where = and(ids ? inArray(units.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000']) : undefined, parentCode ? eq(units.parentCode, parentCode) : undefined);
  const rows = await db.update(units).set({ assigneeId: technicianId, updatedAt: new Date() }).where(where).returning({ id: units.id });
  return rows.length;
}

// Whom a unit turns to: its technician's name and phone, and where it registers (the platform's
// address and helpdesk phone) as its county sets them, else its city, province, installation.
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { areaHelp, settings, users } from '../schema/index.js';

export interface RegistrationHelp {
  platformUrl: string | null;
  helpdeskPhone: string | null;
}

/** An area's own values (null: inherits), or nothing set. */
export async function ownHelp(db: DbOrTx, areaCode: string): Promise<RegistrationHelp | null> {
  const [row] = await db.select().from(areaHelp).where(eq(areaHelp.areaCode, areaCode));
  return row ? { platformUrl: row.platformUrl, helpdeskPhone: row.helpdeskPhone } : null;
}

export async function writeOwnHelp(db: DbOrTx, areaCode: string, value: RegistrationHelp): Promise<void> {
  if (value.platformUrl === null && value.helpdeskPhone === null) {
    await db.delete(areaHelp).where(eq(areaHelp.areaCode, areaCode));
    return;
  }
  await db.insert(areaHelp).values({ areaCode, ...value }).onConflictDoUpdate({ target: areaHelp.areaCode, set: { ...value, updatedAt: new Date() } });
}

export async function installationHelp(db: DbOrTx): Promise<RegistrationHelp> {
  const [row] = await db.select({ platformUrl: settings.platformUrl, helpdeskPhone: settings.helpdeskPhone }).from(settings);
  return { platformUrl: row?.platformUrl ?? null, helpdeskPhone: row?.helpdeskPhone ?? null };
}

export async function writeInstallationHelp(db: DbOrTx, value: RegistrationHelp): Promise<void> {
  await db.insert(settings).values({ id: 1, ...value }).onConflictDoUpdate({ target: settings.id, set: value });
}

/** The help in force for a county code: each value from the nearest area that sets it (county, city, province), else the installation's. */
export async function helpForArea(db: DbOrTx, areaCode: string | null): Promise<RegistrationHelp> {
  const chain = areaCode ? [areaCode.slice(0, 6), areaCode.slice(0, 4), areaCode.slice(0, 2)].filter((c, i, all) => c.length && all.indexOf(c) === i) : [];
  const rows = chain.length ? await db.select().from(areaHelp).where(inArray(areaHelp.areaCode, chain)) : [];
  const byCode = new Map(rows.map((r) => [r.areaCode, r]));
  const base = await installationHelp(db);
  const pick = (field: keyof RegistrationHelp) => chain.map((c) => byCode.get(c)?.[field]).find((v) => v != null) ?? base[field];
  return { platformUrl: pick('platformUrl'), helpdeskPhone: pick('helpdeskPhone') };
}

/** The technician's name and phone. */
export async function technicianContact(db: DbOrTx, id: string | null): Promise<{ id: string; displayName: string; phone: string | null } | null> {
  if (!id) return null;
  const [row] = await db.select({ id: users.id, displayName: users.displayName, phone: users.phone }).from(users).where(eq(users.id, id));
  return row ?? null;
}

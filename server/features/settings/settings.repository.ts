import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { settings } from '../../../db/schema/index.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/schemas/settings.js';

export async function readSettings(db: DbOrTx): Promise<Settings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1)).limit(1);
  if (!row) return DEFAULT_SETTINGS;
  const { id: _id, updatedAt: _at, ...rest } = row;
  return rest;
}

export async function writeSettings(db: DbOrTx, value: Settings): Promise<Settings> {
  await db
    .insert(settings)
    .values({ id: 1, ...value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.id, set: { ...value, updatedAt: new Date() } });
  // read back: a PUT without signingOffice keeps the stored one, and the answer shows it
  return readSettings(db);
}

// Who speaks in a document an office issues (docs/contract/areas.md "Each level's voice"): the
// issuing area's 落款, 文号 prefix and level words, read for the notices, the bulletins, the
// digest and the files alike. The rule is shared/domain/voice.ts; this reads what it needs.
import type { DbOrTx } from '../../db/client.js';
import { childAreas, voiceChain } from '../../db/queries/areas.js';
import { readSettings } from '../../db/queries/settings.js';
import { addresseeOf, installationVoice, voiceOf, type Voice } from '../../shared/domain/voice.js';

/** The voice of the area `code` (null, or an area without one: the installation's own 落款). */
export async function voiceFor(db: DbOrTx, code: string | null): Promise<Voice> {
  const chain = code === null ? null : await voiceChain(db, code);
  const voice = chain && voiceOf(chain);
  return voice ?? installationVoice((await readSettings(db)).signingOffice ?? '县人民政府办公室');
}

/**
 * The area that issues a document: the issuing office's own scope; a whole-installation office
 * speaks for the area the document covers, else for the installation's home area, else as the
 * installation.
 */
export async function issuingArea(db: DbOrTx, actor: { scope: string | null }, covered: string | null): Promise<string | null> {
  return actor.scope ?? covered ?? (await readSettings(db)).homeArea ?? null;
}

/** The issuer's voice for a document covering `covered` (an area, or null). */
export async function issuerVoice(db: DbOrTx, actor: { scope: string | null }, covered: string | null): Promise<Voice> {
  return voiceFor(db, await issuingArea(db, actor, covered));
}

/** How the area addresses the areas below it (各县（区）); null for a county or the installation. */
export async function addresseeFor(db: DbOrTx, code: string | null): Promise<string | null> {
  if (code === null || code.length >= 6) return null;
  return addresseeOf(await childAreas(db, code));
}

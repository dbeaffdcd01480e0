// Where units register and whom they call, per area (GET|PUT /api/settings/help?area=): an office
// reads and sets the areas inside its scope; the installation's values only a whole-installation office.
import type { DbOrTx } from '../../../db/client.js';
import { appendAudit } from '../../../db/queries/audit.js';
import { helpForArea, installationHelp, ownHelp, writeInstallationHelp, writeOwnHelp } from '../../../db/queries/unit-help.js';
import { inScope } from '../../../shared/domain/areas.js';
import type { RegistrationHelp, RegistrationHelpBody } from '../../../shared/schemas/unit-help.js';
import { actingNow, type Actor } from '../../lib/actor.js';
import { fail } from '../../lib/errors.js';
import { findArea } from '../../../db/queries/areas.js';

const NONE = { platformUrl: null, helpdeskPhone: null };

async function areaIn(db: DbOrTx, actor: Actor, code: string) {
  if (!inScope(actor.scope, code) || !(await findArea(db, code))) throw fail.notFound('area');
}

export async function getHelp(db: DbOrTx, actor: Actor, area: string | undefined): Promise<RegistrationHelp> {
  if (area === undefined) {
    const own = await installationHelp(db);
    return { own, effective: own };
  }
  await areaIn(db, actor, area);
  return { own: (await ownHelp(db, area)) ?? NONE, effective: await helpForArea(db, area) };
}

export async function putHelp(db: DbOrTx, actor: Actor, area: string | undefined, body: RegistrationHelpBody): Promise<RegistrationHelp> {
  return db.transaction(async (tx) => {
    const me = await actingNow(tx, actor);
    if (area === undefined) {
      if (me.scope !== null) throw fail.forbidden('只有全系统的政府办账号可以修改全系统的默认值');
      await writeInstallationHelp(tx, body);
    } else {
      await areaIn(tx, me, area);
      await writeOwnHelp(tx, area, body);
    }
    await appendAudit(tx, me, { action: 'settings.help_update', target: area ?? 'settings', details: { area: area ?? null, ...body } });
    return getHelp(tx, me, area);
  });
}

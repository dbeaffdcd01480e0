// The daily digest before a channel is saved: the same message the sender would write now for
// that kind of robot and that scope (within the office's own), so the clerk sees what the group
// will read each morning.
import { readSettings } from '../../../db/queries/settings.js';
import { today } from '../../../shared/domain/dates.js';
import type { DigestPreview, DigestPreviewQuery } from '../../../shared/schemas/notify.js';
import type { Actor } from '../../lib/actor.js';
import { fail } from '../../lib/errors.js';
import { requireScopeWithin } from '../../lib/scope.js';
import { narrowTo } from '../../../shared/domain/areas.js';
import { buildDigestFor } from './notify.digest.js';
import type { ChannelsDeps } from './notify.service.js';

export async function previewDigest({ db, config }: ChannelsDeps, actor: Actor, q: DigestPreviewQuery, now: Date): Promise<DigestPreview> {
  // an area outside the office's scope is one that does not exist for it (as for the reports)
  const narrowed = narrowTo(actor.scope, q.scope);
  if (!narrowed.ok) throw fail.notFound('area');
  const scope = narrowed.area;
  await requireScopeWithin(db, scope, actor.scope);
  const { timezone } = await readSettings(db);
  const { message } = await buildDigestFor(db, config, { day: today(timezone, now), now, kind: q.kind, scope });
  return { title: message.title, text: message.text };
}

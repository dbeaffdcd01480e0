// The day's digest from the reports the board shows: summary, laggards in rank order.
import type { DbOrTx } from '../../../db/client.js';
import { buildDigest, MESSAGE_MAX_BYTES, type DigestFacts, type Message } from '../../../shared/domain/notify-digest.js';
import type { ChannelKind } from '../../../shared/schemas/notify.js';
import type { Config } from '../../config.js';
import { laggardsReport, summaryReport } from '../reports/reports.service.js';

/** more names than any robot's limit can hold: the rest are counted, not listed */
const DIGEST_LAGGARDS_READ = 400;

export async function buildDigestFor(
  db: DbOrTx,
  config: Config,
  d: { day: string; now: Date; kind: ChannelKind; previous?: { key: string; facts: Record<string, number> | null } },
): Promise<{ message: Message; facts: DigestFacts }> {
  const summary = await summaryReport(db, d.day);
  const laggards = await laggardsReport(db, { asOf: d.day, page: 1, pageSize: DIGEST_LAGGARDS_READ }, d.now);
  const facts: DigestFacts = { totalUnits: summary.totalUnits, onboarded: summary.onboarded, laggards: summary.laggards };
  const prev = d.previous?.facts;
  const message = buildDigest({
    date: d.day,
    totals: facts,
    previous: prev ? { date: d.previous!.key.replace(/^digest:/, ''), totalUnits: prev.totalUnits ?? 0, onboarded: prev.onboarded ?? 0, laggards: prev.laggards ?? 0 } : null,
    byCategory: summary.byCategory,
    laggards: laggards.items.map((l) => ({ name: l.unit.name, flags: l.flags })),
    link: config.publicOrigin ? `${config.publicOrigin}/laggards` : undefined,
    maxBytes: MESSAGE_MAX_BYTES[d.kind],
  });
  return { message, facts };
}

// The day's digest from the reports the board shows: summary, laggards in rank order, of the
// channel's scope only (a county's group hears of its county's units).
import type { DbOrTx } from '../../../db/client.js';
import { buildDigest, MESSAGE_MAX_BYTES, type DigestFacts, type Message } from '../../../shared/domain/notify-digest.js';
import type { ChannelKind } from '../../../shared/schemas/notify.js';
import type { LaggardItem, SummaryReport } from '../../../shared/schemas/reports.js';
import type { Config } from '../../config.js';
import { areaReports } from '../../lib/reports.js';

/** more names than any robot's limit can hold: the rest are counted, not listed */
const DIGEST_LAGGARDS_READ = 400;

interface DigestInput {
  totals: DigestFacts;
  byCategory: SummaryReport['byCategory'];
  laggards: LaggardItem[];
  review: { awaiting: number; oldestDays: number | null };
}

/** The reports as the board shows them, of the channel's scope (null: the whole installation). */
async function digestInput(db: DbOrTx, scope: string | null, day: string, now: Date): Promise<DigestInput> {
  const { summary, laggards } = await areaReports(db, scope, { asOf: day, pageSize: DIGEST_LAGGARDS_READ }, now);
  return { totals: { totalUnits: summary.totalUnits, onboarded: summary.onboarded, laggards: summary.laggards }, byCategory: summary.byCategory, laggards: laggards.items, review: { awaiting: summary.awaitingReview, oldestDays: summary.oldestReviewDays } };
}

export async function buildDigestFor(
  db: DbOrTx,
  config: Config,
  d: { day: string; now: Date; kind: ChannelKind; scope?: string | null; previous?: { key: string; facts: Record<string, number> | null } },
): Promise<{ message: Message; facts: DigestFacts }> {
  const scope = d.scope ?? null;
  const input = await digestInput(db, scope, d.day, d.now);
  const facts = input.totals;
  const prev = d.previous?.facts;
  const board = config.publicOrigin ? `${config.publicOrigin}/laggards` : undefined;
  const message = buildDigest({
    date: d.day,
    totals: facts,
    previous: prev ? { date: d.previous!.key.replace(/^digest:/, ''), totalUnits: prev.totalUnits ?? 0, onboarded: prev.onboarded ?? 0, laggards: prev.laggards ?? 0 } : null,
    byCategory: input.byCategory,
    review: input.review,
    laggards: input.laggards.map((l) => ({ name: l.unit.name, flags: l.flags })),
    link: board && scope !== null ? `${board}?area=${scope}` : board,
    maxBytes: MESSAGE_MAX_BYTES[d.kind],
  });
  return { message, facts };
}

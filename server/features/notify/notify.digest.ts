// The day's digest from the reports the board shows: summary, laggards in rank order, of the
// channel's scope only (a county's group hears of its county's units).
import type { DbOrTx } from '../../../db/client.js';
import { buildDigest, MESSAGE_MAX_BYTES, type DigestFacts, type DigestInput as DigestText, type Message } from '../../../shared/domain/notify-digest.js';
import type { ChannelKind } from '../../../shared/schemas/notify.js';
import type { LaggardItem, SummaryReport } from '../../../shared/schemas/reports.js';
import type { Config } from '../../config.js';
import { areaReports, dueSoonReport } from '../../lib/reports.js';
import { voiceFor } from '../../lib/voice.js';
import { DUE_SOON_DAYS } from '../../../shared/domain/urgency.js';

type DigestWeek = NonNullable<DigestText['week']>;

/** more names than any robot's limit can hold: the rest are counted, not listed */
const DIGEST_LAGGARDS_READ = 400;

interface DigestInput {
  totals: DigestFacts;
  week: DigestWeek | null;
  dueSoon: NonNullable<DigestText['dueSoon']>;
  byCategory: SummaryReport['byCategory'];
  laggards: LaggardItem[];
  review: { awaiting: number; oldestDays: number | null };
}

/** The reports as the board shows them, of the channel's scope (null: the whole installation). */
async function digestInput(db: DbOrTx, scope: string | null, day: string, now: Date): Promise<DigestInput> {
  const { summary, laggards } = await areaReports(db, scope, { asOf: day, pageSize: DIGEST_LAGGARDS_READ }, now);
  const soon = await dueSoonReport(db, { area: scope, asOf: day, days: DUE_SOON_DAYS, page: 1, pageSize: 5 }, now);
  const dueSoon = { days: soon.days, total: soon.total, names: soon.items.map((i) => i.unit.name) };
  const { previous: p, change } = summary;
  const week = p && change ? { date: p.asOf, onboarded: p.onboarded, laggards: p.laggards, ...change } : null;
  return { totals: { totalUnits: summary.totalUnits, onboarded: summary.onboarded, laggards: summary.laggards }, week, dueSoon, byCategory: summary.byCategory, laggards: laggards.items, review: { awaiting: summary.awaitingReview, oldestDays: summary.oldestReviewDays } };
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
  // a county's group reads its county's digest in its county's words (全区 for a district)
  const voice = scope === null ? null : await voiceFor(db, scope);
  const message = buildDigest({
    voice: voice?.areaName ? { areaName: voice.areaName, whole: voice.whole } : null,
    date: d.day,
    totals: facts,
    previous: prev ? { date: d.previous!.key.replace(/^digest:/, ''), totalUnits: prev.totalUnits ?? 0, onboarded: prev.onboarded ?? 0, laggards: prev.laggards ?? 0 } : null,
    week: input.week,
    dueSoon: input.dueSoon,
    byCategory: input.byCategory,
    review: input.review,
    laggards: input.laggards.map((l) => ({ name: l.unit.name, flags: l.flags })),
    link: board && scope !== null ? `${board}?area=${scope}` : board,
    maxBytes: MESSAGE_MAX_BYTES[d.kind],
  });
  return { message, facts };
}

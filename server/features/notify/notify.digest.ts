// The day's digest from the reports the board shows: summary, laggards in rank order, of the
// channel's scope only (a county's group hears of its county's units).
import type { DbOrTx } from '../../../db/client.js';
import { LAGGARD_CATEGORIES } from '../../../shared/domain/laggards.js';
import { buildDigest, MESSAGE_MAX_BYTES, type DigestFacts, type Message } from '../../../shared/domain/notify-digest.js';
import type { ChannelKind } from '../../../shared/schemas/notify.js';
import type { LaggardItem, SummaryReport } from '../../../shared/schemas/reports.js';
import type { Config } from '../../config.js';
import { laggardsReport, summaryReport } from '../reports/reports.service.js';
import { scopeTotals, unitsInScope } from './notify.repository.js';

/** more names than any robot's limit can hold: the rest are counted, not listed */
const DIGEST_LAGGARDS_READ = 400;

interface DigestInput {
  totals: DigestFacts;
  byCategory: SummaryReport['byCategory'];
  laggards: LaggardItem[];
}

/** The whole installation's: the reports as the board shows them. */
async function installationInput(db: DbOrTx, day: string, now: Date): Promise<DigestInput> {
  const summary = await summaryReport(db, { asOf: day }, now);
  const laggards = await laggardsReport(db, { asOf: day, page: 1, pageSize: DIGEST_LAGGARDS_READ }, now);
  return { totals: { totalUnits: summary.totalUnits, onboarded: summary.onboarded, laggards: summary.laggards }, byCategory: summary.byCategory, laggards: laggards.items };
}

/**
 * An area's: today's laggards of the whole report kept to the units inside the area, and the
 * area's totals counted here. STOPGAP until the reports take `area` (branch `reports`): then this
 * is `installationInput` with `area: scope` passed to summaryReport and laggardsReport.
 */
async function areaInput(db: DbOrTx, scope: string, day: string, now: Date): Promise<DigestInput> {
  const all = await laggardsReport(db, { asOf: day, page: 1, pageSize: 1_000_000 }, now);
  const inside = await unitsInScope(db, scope, all.items.map((l) => l.unit.id));
  const laggards = all.items.filter((l) => inside.has(l.unit.id));
  const byCategory = Object.fromEntries(LAGGARD_CATEGORIES.map((c) => [c, laggards.filter((l) => l.flags.some((f) => f.category === c)).length])) as SummaryReport['byCategory'];
  const { totalUnits, onboarded } = await scopeTotals(db, scope);
  return { totals: { totalUnits, onboarded, laggards: laggards.length }, byCategory, laggards: laggards.slice(0, DIGEST_LAGGARDS_READ) };
}

export async function buildDigestFor(
  db: DbOrTx,
  config: Config,
  d: { day: string; now: Date; kind: ChannelKind; scope?: string | null; previous?: { key: string; facts: Record<string, number> | null } },
): Promise<{ message: Message; facts: DigestFacts }> {
  const scope = d.scope ?? null;
  const input = scope === null ? await installationInput(db, d.day, d.now) : await areaInput(db, scope, d.day, d.now);
  const facts = input.totals;
  const prev = d.previous?.facts;
  const board = config.publicOrigin ? `${config.publicOrigin}/laggards` : undefined;
  const message = buildDigest({
    date: d.day,
    totals: facts,
    previous: prev ? { date: d.previous!.key.replace(/^digest:/, ''), totalUnits: prev.totalUnits ?? 0, onboarded: prev.onboarded ?? 0, laggards: prev.laggards ?? 0 } : null,
    byCategory: input.byCategory,
    laggards: input.laggards.map((l) => ({ name: l.unit.name, flags: l.flags })),
    link: board && scope !== null ? `${board}?area=${scope}` : board,
    maxBytes: MESSAGE_MAX_BYTES[d.kind],
  });
  return { message, facts };
}

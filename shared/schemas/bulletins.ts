// Issued bulletins (通报; docs/contract/api.md "The record"): what a bulletin said when it was
// issued, stored, so that reprinting it gives the same pages forever. The content keeps only what
// the printed bulletin shows, and is read loosely: a stored bulletin must answer as it was stored
// even after the live reports gain fields.
import { z } from 'zod';
import { AreaCode } from './area-code.js';
import { Area, RollupChild } from './areas.js';
import { Id, IsoDate, IsoDateTime, PageQuery, listOf } from './common.js';
import { LaggardFilter, LaggardFlag } from './reports.js';

/** POST /api/bulletins: the board's filters (contract: `{area?, asOf?, kind?, category?, q?}`). */
export const IssueBulletin = LaggardFilter.strict();
export type IssueBulletin = z.infer<typeof IssueBulletin>;
export const BulletinFilters = LaggardFilter.loose();
export type BulletinFilters = z.infer<typeof BulletinFilters>;

/** A unit as the bulletin lists it. */
export const BulletinUnit = z
  .object({
    unit: z.object({ id: Id, code: z.string(), name: z.string(), kind: z.string() }).loose(),
    flags: z.array(LaggardFlag.loose()),
    lastEventAt: z.string().nullable(),
  })
  .loose();
export type BulletinUnit = z.infer<typeof BulletinUnit>;

/** A child of the roll-up as printed; its categories read as any names (a category added later must not unread an old bulletin). */
const Done = z.object({ done: z.number().int() });
export const BulletinRollupRow = z
  .object({
    area: RollupChild.loose(),
    totalUnits: z.number().int(),
    onboarded: z.number().int(),
    onboardedShare: z.number(),
    stages: z.object({ wiring: Done, connection: Done, registration: Done }).loose(),
    laggards: z.number().int(),
    byCategory: z.record(z.string(), z.number().int()),
    rank: z.number().int(),
  })
  .loose();
export type BulletinRollupRow = z.infer<typeof BulletinRollupRow>;

export const BulletinVoice = z.object({
  areaCode: z.string().nullable(),
  areaName: z.string().nullable(),
  signingOffice: z.string(),
  docPrefix: z.string(),
  word: z.string(),
  whole: z.string(),
  own: z.string(),
});

export const BulletinContent = z
  .object({
    /** who speaks: the issuing area's 落款 and level words */
    voice: BulletinVoice,
    /** 各县（区）人民政府办公室 for a city or a province; null for a county */
    addressee: z.string().nullable(),
    /** the area the bulletin covers, and its full name (甘肃省陇南市) */
    area: Area.nullable(),
    areaFullName: z.string().nullable(),
    asOf: IsoDate,
    summary: z
      .object({ totalUnits: z.number().int(), onboarded: z.number().int(), laggards: z.number().int(), byCategory: z.record(z.string(), z.number().int()) })
      .loose(),
    /** every laggard the bulletin lists, most serious first */
    laggards: z.array(BulletinUnit),
    /** a city's or a province's children ranked; null for a county */
    rollup: z.array(BulletinRollupRow).nullable(),
    /** each lagging child's worst units */
    worst: z.array(z.object({ areaCode: z.string(), items: z.array(BulletinUnit) })),
  })
  .loose();
export type BulletinContent = z.infer<typeof BulletinContent>;

export const Bulletin = z.object({
  id: Id,
  /** 陇政办通〔2026〕第2期 */
  number: z.string(),
  /** the area it covers (null: the whole installation) */
  area: z.string().nullable(),
  asOf: IsoDate,
  issuedAt: IsoDateTime,
  issuedBy: z.object({ id: Id.nullable(), displayName: z.string() }),
  signingOffice: z.string(),
  filters: BulletinFilters,
  content: BulletinContent,
});
export type Bulletin = z.infer<typeof Bulletin>;
export const BulletinResponse = z.object({ bulletin: Bulletin });

/** The list leaves the content out: a page of bulletins is a page of numbers and dates. */
export const BulletinHeader = Bulletin.omit({ content: true });
export type BulletinHeader = z.infer<typeof BulletinHeader>;
export const BulletinListQuery = PageQuery.extend({ area: AreaCode.optional() });
export type BulletinListQuery = z.infer<typeof BulletinListQuery>;
export const BulletinList = listOf(BulletinHeader);
export type BulletinList = z.infer<typeof BulletinList>;

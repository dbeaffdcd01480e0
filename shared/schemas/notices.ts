import { z } from 'zod';
import { BATCH_SKIP_REASONS, MAX_BATCH, NOTICE_STATUSES } from '../domain/notices.js';
import { BoolText, Id, IsoDate, IsoDateTime, PageQuery, Text, listOf } from './common.js';
import { LaggardCategoryName, LaggardFilter, LaggardFlag } from './reports.js';
import { AreaFilter } from './units.js';

export const NoticeStatusName = z.enum(NOTICE_STATUSES);

export const AreaSnapshot = z.object({
  row: z.object({
    totalUnits: z.number().int(),
    onboarded: z.number().int(),
    onboardedShare: z.number(),
    laggards: z.number().int(),
    byCategory: z.partialRecord(LaggardCategoryName, z.number().int()),
  }),
  worst: z.array(z.object({ unit: z.object({ id: Id, code: z.string(), name: z.string() }), flags: z.array(LaggardFlag), severity: z.number() })),
});

const Actor = z.object({ id: Id.nullable(), displayName: z.string() });

export const Notice = z.object({
  id: Id,
  /** 宕政办催〔2026〕3号: the issuer's prefix, numbered per issuing area per year (before migration 0019: 催办〔2026〕第 12 号, kept) */
  number: z.string(),
  /** who issued it (docs/contract/api.md "Each level's voice"): the area (null: the installation), its 落款 then, and how it speaks of itself (全区) */
  issuer: z.object({ areaCode: z.string().nullable(), signingOffice: z.string(), whole: z.string() }),
  year: z.number().int(),
  seq: z.number().int(),
  /** null for a 督办 to an area (`target.type` = area) */
  unitId: Id.nullable(),
  /** the unit (or the area, for a 督办) as it was named when urged */
  unit: z.object({ code: z.string(), name: z.string() }),
  /** whom the notice urges: a unit, or an area's office (督办 from the office above) */
  target: z.object({ type: z.enum(['unit', 'area']), code: z.string(), name: z.string() }),
  /** a 督办's figures at the moment of issue: the area's roll-up row and its worst units */
  snapshot: AreaSnapshot.optional(),
  /** the unit's flags at the moment of issue */
  flags: z.array(LaggardFlag),
  severity: z.number(),
  issuedOn: IsoDate,
  issuedAt: IsoDateTime,
  issuedBy: Actor,
  respondBy: IsoDate,
  note: z.string().nullable(),
  status: NoticeStatusName,
  answer: z.object({ text: z.string(), at: IsoDateTime, by: Actor }).optional(),
  withdrawn: z.object({ reason: z.string(), at: IsoDateTime, by: Actor }).optional(),
  batchId: Id.nullable(),
});
export type Notice = z.infer<typeof Notice>;
export const NoticeResponse = z.object({ notice: Notice });
export const AreaCodeParams = z.object({ code: z.string() });

const respondFields = {
  respondBy: IsoDate.optional(),
  /** empty means none */
  note: Text(500).optional(),
};

export const IssueNotice = z.object(respondFields).strict();
export type IssueNotice = z.infer<typeof IssueNotice>;

/** The laggard board's filters (as of today: a notice records the flags of its moment), and how many the office confirmed. */
export const IssueBatch = LaggardFilter.omit({ asOf: true })
  .extend({
    ...respondFields,
    /** the count the office saw in its confirmation: if the board has changed since, 409 */
    expected: z.number().int().min(0).optional(),
    /** units (or, for `target: areas`, area codes) the dry run listed as skipped that the office chose to urge all the same */
    include: z.array(Id).max(MAX_BATCH).optional(),
    /** `areas`: one 督办 to each child area of `parent` with laggards, instead of a notice to each unit */
    target: z.enum(['units', 'areas']).optional(),
    /** with `target: areas`: whose children (default the caller's scope) */
    parent: AreaFilter.optional(),
  })
  .strict();
export type IssueBatch = z.infer<typeof IssueBatch>;

export const BatchResult = z.object({ created: z.number().int(), batchId: Id.nullable(), items: z.array(Notice) });

export const AnswerNotice = z.object({ text: Text(1000).min(1, '请填写答复内容') }).strict();
export const WithdrawNotice = z.object({ reason: Text(500).min(2, '请说明撤回原因') }).strict();

export const NoticeListQuery = PageQuery.extend({
  unitId: z.string().optional(),
  status: NoticeStatusName.optional(),
  batchId: z.string().optional(),
  /** unit: notices to units; area: 督办 to areas */
  target: z.enum(['unit', 'area']).optional(),
  /** an area of any level: the notices of its units (inside the caller's scope, else 404) */
  area: AreaFilter.optional(),
});
export type NoticeListQuery = z.infer<typeof NoticeListQuery>;

export const NoticeCounts = z.object(Object.fromEntries(NOTICE_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof NOTICE_STATUSES)[number], z.ZodNumber>);
export const NoticeList = listOf(Notice).extend({ counts: NoticeCounts });
export type NoticeList = z.infer<typeof NoticeList>;

/** `?dryRun=true`: the count a batch would issue, nothing written */
export const BatchQuery = z.object({ dryRun: BoolText.optional() });
export const BatchSkipReasonName = z.enum(BATCH_SKIP_REASONS);
/** A unit a batch leaves out, and why: the notice that holds it back. */
export const BatchSkipped = z.object({
  /** null for an area left out of a batch of 督办 (`areaCode` names it) */
  unitId: Id.nullable(),
  areaCode: z.string().nullable(),
  unit: z.object({ code: z.string(), name: z.string() }),
  reason: BatchSkipReasonName,
  notice: z.object({ id: Id, number: z.string(), issuedOn: IsoDate }).nullable(),
});
export type BatchSkipped = z.infer<typeof BatchSkipped>;
/**
 * A batch's answer: the notices issued (none in a dry run), how many it issues (`willCreate`;
 * `created` is 0 in a dry run: nothing was made), and the units it leaves out.
 */
export const BatchAnswer = BatchResult.extend({ willCreate: z.number().int(), skipped: z.array(BatchSkipped) });
export type BatchAnswer = z.infer<typeof BatchAnswer>;

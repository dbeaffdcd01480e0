import { z } from 'zod';
import { NOTICE_STATUSES } from '../domain/notices.js';
import { BoolText, Id, IsoDate, IsoDateTime, PageQuery, Text, listOf } from './common.js';
import { LaggardFilter, LaggardFlag } from './reports.js';
import { AreaFilter } from './units.js';

export const NoticeStatusName = z.enum(NOTICE_STATUSES);

const Actor = z.object({ id: Id.nullable(), displayName: z.string() });

export const Notice = z.object({
  id: Id,
  /** 宕政办催〔2026〕3号: the issuer's prefix, numbered per issuing area per year (before migration 0019: 催办〔2026〕第 12 号, kept) */
  number: z.string(),
  /** who issued it (docs/contract/api.md "Each level's voice"): the area (null: the installation), its 落款 then, and how it speaks of itself (全区) */
  issuer: z.object({ areaCode: z.string().nullable(), signingOffice: z.string(), whole: z.string() }),
  year: z.number().int(),
  seq: z.number().int(),
  unitId: Id,
  /** the unit as it was named when urged */
  unit: z.object({ code: z.string(), name: z.string() }),
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
  /** an area of any level: the notices of its units (inside the caller's scope, else 404) */
  area: AreaFilter.optional(),
});
export type NoticeListQuery = z.infer<typeof NoticeListQuery>;

export const NoticeCounts = z.object(Object.fromEntries(NOTICE_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof NOTICE_STATUSES)[number], z.ZodNumber>);
export const NoticeList = listOf(Notice).extend({ counts: NoticeCounts });
export type NoticeList = z.infer<typeof NoticeList>;

/** `?dryRun=true`: the count a batch would issue, nothing written */
export const BatchQuery = z.object({ dryRun: BoolText.optional() });
/** A batch's answer: the notices issued, and the units left out as urged today already. */
export const BatchAnswer = BatchResult.extend({ skipped: z.number().int() });
export type BatchAnswer = z.infer<typeof BatchAnswer>;

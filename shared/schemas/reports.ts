import { z } from 'zod';
import { LAGGARD_CATEGORIES } from '../domain/laggards.js';
import { REASON_CODES, STAGE_STATUSES } from '../domain/steps.js';
import { Id, IsoDate, IsoDateTime, PageQuery, queryInt } from './common.js';
import { StageName, UnitKind } from './units.js';
import { AreaCode } from './area-code.js';
import { DUE_SOON_DAYS, DUE_SOON_MAX_DAYS } from '../domain/urgency.js';

export const LaggardCategoryName = z.enum(LAGGARD_CATEGORIES);

/** `asOf`: a calendar day in the campaign's time zone; absent means today there. */
export const AsOfQuery = z.object({ asOf: IsoDate.optional() });
export type AsOfQuery = z.infer<typeof AsOfQuery>;

/** GET /api/reports/reasons?asOf=&area= */
export const ReasonsQuery = AsOfQuery.extend({ area: AreaCode.optional() });

/**
 * Which units a report covers: the summary and the laggard list take the same, so that a
 * bulletin's totals are the totals of the units it lists. `q`: name or code contains.
 */
export const UnitScope = z.object({
  kind: UnitKind.optional(),
  parentCode: z.string().trim().min(1).max(40).optional(),
  q: z.string().trim().max(100).optional(),
  /** the units in that area's subtree (any level), inside the caller's scope; outside it: 404 */
  area: AreaCode.optional(),
});
export type UnitScope = z.infer<typeof UnitScope>;

export const SummaryQuery = AsOfQuery.extend(UnitScope.shape);
export type SummaryQuery = z.infer<typeof SummaryQuery>;

export const LaggardFilter = SummaryQuery.extend({
  category: LaggardCategoryName.optional(),
  /** no_progress: urged (a notice not withdrawn), and no step since the last notice */
  urged: z.enum(['no_progress']).optional(),
});
export type LaggardFilter = z.infer<typeof LaggardFilter>;

export const LaggardsQuery = LaggardFilter.extend(PageQuery.shape);
export type LaggardsQuery = z.infer<typeof LaggardsQuery>;

export const LaggardFlag = z.object({
  category: LaggardCategoryName,
  /** null for repeated_postponement (postponements of any stage) */
  stage: z.union([StageName, z.literal('training')]).nullable(),
  daysLate: z.number().int(),
});

export const LaggardItem = z.object({
  unit: z.object({
    id: Id,
    code: z.string(),
    name: z.string(),
    kind: UnitKind,
    parentCode: z.string().nullable(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    /** the technician the office asked to look after the unit (负责技术员) */
    assignee: z.object({ id: Id, displayName: z.string() }).nullable(),
  }),
  flags: z.array(LaggardFlag),
  severity: z.number(),
  maxDaysLate: z.number().int(),
  lastEventAt: IsoDateTime.nullable(),
  /** its urging notices (催办), withdrawn ones left out */
  notices: z.object({ count: z.number().int(), lastAt: IsoDateTime.nullable(), stepSinceLast: z.boolean(), answeredAt: IsoDateTime.nullable().optional() }),
});
export type LaggardItem = z.infer<typeof LaggardItem>;

export const LaggardsReport = z.object({
  asOf: IsoDate,
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(LaggardItem),
});
export type LaggardsReport = z.infer<typeof LaggardsReport>;

const StageCounts = z.object(Object.fromEntries(STAGE_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof STAGE_STATUSES)[number], z.ZodNumber>);

/** The leaders' view (docs/contract/api.md "Leaders' view"): compare with the figures `compareDays` before asOf. */
export const COMPARE_DAYS_DEFAULT = 7;
export const COMPARE_DAYS_MAX = 366;
export const CompareQuery = z.object({ compareDays: queryInt(1, COMPARE_DAYS_MAX).default(COMPARE_DAYS_DEFAULT) });

/** GET /api/reports/summary's query: the units covered, the day, and the day compared with */
export const SummaryEndpointQuery = SummaryQuery.extend(CompareQuery.shape);
export type SummaryEndpointQuery = z.infer<typeof SummaryEndpointQuery>;

export const SummaryFigures = z.object({
  totalUnits: z.number().int(),
  onboarded: z.number().int(),
  laggards: z.number().int(),
  stages: z.object({ wiring: StageCounts, connection: StageCounts, registration: StageCounts }),
  /** laggard units carrying each flag (a unit may count under several) */
  byCategory: z.object(Object.fromEntries(LAGGARD_CATEGORIES.map((c) => [c, z.number().int()])) as Record<(typeof LAGGARD_CATEGORIES)[number], z.ZodNumber>),
  /** laggard units by kind of unit */
  byKind: z.object({ township: z.number().int(), department: z.number().int(), other: z.number().int() }),
  /** "The record": registrations awaiting the office's review, and the days the oldest has waited (null: none waits) */
  awaitingReview: z.number().int(),
  oldestReviewDays: z.number().int().nullable(),
  /**
   * a past day only: steps recorded after that day that change its figures (dated on or before it,
   * or voids made since): a bulletin issued that day may say otherwise (docs/contract/domain.md "The record")
   */
  recordedLater: z.number().int().optional(),
});
export type SummaryFigures = z.infer<typeof SummaryFigures>;

/** Which units changed between the day compared with and asOf (each unit counted once per line). */
export const SummaryChange = z.object({
  /** onboarded by asOf, not yet by previous.asOf */
  newlyOnboarded: z.number().int(),
  /** laggards at asOf that were not at previous.asOf */
  newLaggards: z.number().int(),
  /** laggards at previous.asOf that no longer are */
  resolved: z.number().int(),
});
export type SummaryChange = z.infer<typeof SummaryChange>;

/** The share onboarded's colour by the area's scorecard thresholds (shared/domain/scorecard.ts) */
export const Scorecard = z.object({ colour: z.enum(['green', 'yellow', 'red']), scoreGreen: z.number().int(), scoreYellow: z.number().int() });
export type Scorecard = z.infer<typeof Scorecard>;

export const SummaryReport = SummaryFigures.extend({
  asOf: IsoDate,
  scorecard: Scorecard.optional(),
  /** the same figures as of asOf − compareDays, computed as any past day's are */
  previous: SummaryFigures.extend({ asOf: IsoDate }).optional(),
  change: SummaryChange.optional(),
});
export type SummaryReport = z.infer<typeof SummaryReport>;

/** GET /api/reports/review-queue?area= ("The record"): the office's queue of registrations awaiting review. */
export const ReviewQueueQuery = z.object({ area: AreaCode.optional() });
export const ReviewQueueItem = z.object({
  unit: z.object({ id: Id, code: z.string(), name: z.string(), kind: UnitKind, areaCode: z.string().nullable() }),
  submittedAt: IsoDateTime,
  platformRef: z.string().nullable(),
  /** calendar days (campaign time zone) from the submission's day to today */
  waitingDays: z.number().int(),
  /** waited longer than the unit's reviewDays */
  overdue: z.boolean(),
});
export const ReviewQueueReport = z.object({ asOf: IsoDate, reviewDays: z.number().int(), items: z.array(ReviewQueueItem) });
export type ReviewQueueReport = z.infer<typeof ReviewQueueReport>;

/** The longest trend one request may ask for. */
export const TREND_MAX_DAYS = 400;

export const TrendQuery = z
  .object({ from: IsoDate.optional(), to: IsoDate.optional(), area: AreaCode.optional() })
  // the 400-day limit is checked by the service, once the missing end has been filled in
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], message: 'must not be after to' });
export type TrendQuery = z.infer<typeof TrendQuery>;

export const TrendPoint = z.object({ date: IsoDate, wiring: z.number().int(), connection: z.number().int(), registration: z.number().int() });
export const TrendReport = z.object({ from: IsoDate, to: IsoDate, totalUnits: z.number().int(), items: z.array(TrendPoint) });
export type TrendReport = z.infer<typeof TrendReport>;

export const ReasonsReport = z.object({
  asOf: IsoDate,
  /** reasonCode null: refusals and postponements recorded without one */
  items: z.array(z.object({ reasonCode: z.enum(REASON_CODES).nullable(), count: z.number().int() })),
});
export type ReasonsReport = z.infer<typeof ReasonsReport>;

/** GET /api/reports/due-soon?area=&days=&asOf= (docs/contract/api.md "Leaders' view"): units not yet late, due within `days` */
export const DueSoonQuery = AsOfQuery.extend({
  area: AreaCode.optional(),
  days: queryInt(0, DUE_SOON_MAX_DAYS).default(DUE_SOON_DAYS),
}).extend(PageQuery.shape);
export type DueSoonQuery = z.infer<typeof DueSoonQuery>;

export const DueSoonItem = z.object({
  unit: z.object({ id: Id, code: z.string(), name: z.string(), kind: UnitKind }),
  /** the stage whose due date comes next: registration's is the connection day plus the grace */
  stage: StageName,
  dueOn: IsoDate,
  /** 0: due today (late from tomorrow) */
  daysLeft: z.number().int(),
});
export type DueSoonItem = z.infer<typeof DueSoonItem>;

export const DueSoonReport = z.object({ asOf: IsoDate, days: z.number().int(), total: z.number().int(), items: z.array(DueSoonItem) });
export type DueSoonReport = z.infer<typeof DueSoonReport>;

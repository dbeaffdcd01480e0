// The area tree and the roll-up report (docs/contract/api.md, "Areas and scopes").
import { z } from 'zod';
import { AREA_LEVELS } from '../domain/areas.js';
import { AreaCode } from './area-code.js';
import { AsOfQuery, CompareQuery, LaggardCategoryName, Scorecard } from './reports.js';
import { TrainingNumbers } from './training-numbers.js';

export { AreaCode };
export const AreaLevel = z.enum(AREA_LEVELS);

export const Area = z.object({
  code: z.string(),
  name: z.string(),
  level: AreaLevel,
  parentCode: z.string().nullable(),
});
export type Area = z.infer<typeof Area>;

/** GET /api/areas?parent= */
export const AreasQuery = z.object({ parent: AreaCode.optional() });
export const AreasResponse = z.object({ items: z.array(Area) });
/** GET /api/areas/:code: the area and its ancestors, top first (a breadcrumb) */
export const AreaResponse = z.object({ area: Area, ancestors: z.array(Area) });
export type AreaResponse = z.infer<typeof AreaResponse>;

/** GET /api/reports/areas?parent=&asOf= */
export const RollupQuery = AsOfQuery.extend({ parent: AreaCode.optional() }).extend(CompareQuery.shape);

/**
 * One child of the roll-up: an area (a province's cities, a city's counties), or inside a
 * county its units' kinds (`kind`, code = the kind); `unplaced` gathers the units without a
 * county, shown to whole-installation users only.
 */
export const RollupChild = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum([...AREA_LEVELS, 'kind', 'unplaced']),
});
export const RollupRow = z.object({
  area: RollupChild,
  totalUnits: z.number().int(),
  onboarded: z.number().int(),
  /** onboarded ÷ totalUnits, 0 for a child without units */
  onboardedShare: z.number(),
  stages: z.object({ wiring: z.object({ done: z.number().int() }), connection: z.object({ done: z.number().int() }), registration: z.object({ done: z.number().int() }) }),
  /** units with at least one flag (a unit with several counts once here, once per category below) */
  laggards: z.number().int(),
  byCategory: z.record(LaggardCategoryName, z.number().int()),
  /** "The record": registrations awaiting this child's office's review longer than reviewDays (its own backlog) */
  reviewOverdue: z.number().int(),
  /** the people's half (training.md "Where it shows"): the child's training numbers, as GET /api/reports/training counts them */
  training: TrainingNumbers,
  /** 1 = best, by ROLLUP_RANK (shared/domain/rollup.ts) */
  rank: z.number().int(),
  /** 督办 from the offices above to this area (not withdrawn): how many, answered, past respond-by unanswered */
  dubang: z.object({ count: z.number().int(), answered: z.number().int(), overdue: z.number().int() }).optional(),
  /** the share onboarded's colour by the child's own thresholds (a kind of unit: its county's) */
  scorecard: Scorecard.optional(),
  /** the same figures and rank as of asOf − compareDays (docs/contract/api.md "Leaders' view") */
  previous: z
    .object({
      totalUnits: z.number().int(),
      onboarded: z.number().int(),
      onboardedShare: z.number(),
      stages: z.object({ wiring: z.object({ done: z.number().int() }), connection: z.object({ done: z.number().int() }), registration: z.object({ done: z.number().int() }) }),
      laggards: z.number().int(),
      byCategory: z.record(LaggardCategoryName, z.number().int()),
      rank: z.number().int(),
    })
    .optional(),
});
export type RollupRow = z.infer<typeof RollupRow>;
export const RollupResponse = z.object({ asOf: z.string(), parent: Area.nullable(), items: z.array(RollupRow), previousAsOf: z.string().optional() });
export type RollupResponse = z.infer<typeof RollupResponse>;
export type RollupQuery = z.infer<typeof RollupQuery>;

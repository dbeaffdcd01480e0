import { z } from 'zod';
import { AREA_CODE } from '../domain/areas.js';
import type { Progress as ProgressFold } from '../domain/progress.js';
import { codeProblem, normalizeCode } from '../domain/codes.js';
import { STAGES, STAGE_STATUSES, REASON_CODES } from '../domain/steps.js';
import { UNIT_KINDS } from '../domain/catalogue.js';
import { BoolText, Id, IsoDate, IsoDateTime, PageQuery, RefId, Text, listOf } from './common.js';

export const UnitKind = z.enum(UNIT_KINDS);
export const StageName = z.enum(STAGES);
export const StageStatus = z.enum(STAGE_STATUSES);

/** A unit code, in its stored form (shared/domain/codes.ts): ６２１２ and " 6212 " are 6212. */
export const UnitCode = z
  .string()
  .transform(normalizeCode)
  .pipe(
    z
      .string()
      .min(1)
      .max(40)
      .regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits and . _ - only')
      // a 统一社会信用代码 names its county by characters 3–8: a mistyped one would name another
      .superRefine((code, ctx) => {
        const problem = codeProblem(code);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  );

const optionalText = (max: number) => Text(max).nullish().transform((v) => (v ? v : null));
const optionalDate = IsoDate.nullish().transform((v) => v ?? null);

/** The unit fields an office sets: the same in the API, the import file and the dashboard form. */
export const UnitFields = z.object({
  code: UnitCode,
  name: Text(200).min(1),
  kind: UnitKind,
  parentCode: UnitCode.nullish().transform((v) => v ?? null),
  contactName: optionalText(100),
  contactPhone: optionalText(40).pipe(
    z.string().regex(/^[0-9+\-() ]{3,40}$/, 'digits, spaces and + - ( ) only').nullable(),
  ),
  address: optionalText(300),
  wiringDue: optionalDate,
  connectionDue: optionalDate,
});
/** A county's 6-digit code: the only level a unit sits at (docs/contract/areas.md). Whether it names a county is the table's to say. */
export const CountyCode = z.string().trim().regex(/^\d{6}$/, '须为 6 位区县代码');
/** An area of any level, as a list's filter (the units of that subtree). */
export const AreaFilter = z.string().trim().regex(AREA_CODE, '须为 2、4 或 6 位行政区划代码');

/** The technician asked to look after a unit, or null for nobody. */
const Assignee = { assigneeId: RefId.nullish() };
/**
 * `areaCode` absent or null on create: a township's code names its county, else the creating
 * office's county, else the installation's home area, else none. On PATCH null takes it out of
 * every county (whole-installation offices only: anyone else would lose it from their scope).
 */
export const CreateUnit = UnitFields.extend({ ...Assignee, areaCode: CountyCode.nullish() });
export type CreateUnit = z.infer<typeof CreateUnit>;
export const PatchUnit = UnitFields.extend({ ...Assignee, areaCode: CountyCode.nullable() }).partial().strict();
export type PatchUnit = z.infer<typeof PatchUnit>;

export const StageState = z.object({
  status: StageStatus,
  since: IsoDateTime.nullable(),
  reason: z.string().optional(),
  reasonCode: z.enum(REASON_CODES).optional(),
  blockedBy: z.enum(['refused', 'postponed', 'rejected']).optional(),
  blockedAt: IsoDateTime.optional(),
  until: IsoDate.optional(),
  plannedDate: IsoDate.optional(),
  awaitingReview: z.boolean().optional(),
});

export const Progress = z.object({
  wiring: StageState,
  connection: StageState,
  registration: StageState,
  onboarded: z.boolean(),
  lastEventAt: IsoDateTime.nullable(),
  postponements: z.number().int(),
  firstPostponedAt: IsoDateTime.nullable(),
});

// One Progress: the fold's interface (shared/domain/progress.ts) and this schema, which the API
// answers with and the web reads through z.infer, are held to the same shape by the compiler.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _progressIsTheFolds: Same<z.infer<typeof Progress>, ProgressFold> = true;

export const Unit = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  kind: UnitKind,
  parentCode: z.string().nullable(),
  /** the county the unit belongs to (6 digits), null for none */
  areaCode: z.string().nullable(),
  /** that county's name (宕昌县), null for none */
  areaName: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  wiringDue: IsoDate.nullable(),
  connectionDue: IsoDate.nullable(),
  assigneeId: Id.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  progress: Progress,
});
export type Unit = z.infer<typeof Unit>;
export const UnitResponse = z.object({ unit: Unit });

export const UnitListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  kind: UnitKind.optional(),
  stage: StageName.optional(),
  status: StageStatus.optional(),
  onboarded: BoolText.optional(),
  parentCode: z.string().trim().max(40).optional(),
  /** an area of any level: the units of its subtree (inside the caller's scope, else 404) */
  area: AreaFilter.optional(),
  /** a technician's id, `me` for the caller's own units, `none` for units nobody looks after */
  assignee: z.string().trim().max(40).optional(),
}).refine((q) => !q.status || q.stage, { path: ['stage'], message: 'required with status' });
export const UnitList = listOf(Unit);
export type UnitList = z.infer<typeof UnitList>;

export const AssignUnits = z
  .object({
    technicianId: RefId.nullable(),
    unitIds: z.array(RefId).min(1).max(5000).optional(),
    parentCode: z.string().trim().min(1).max(40).optional(),
  })
  .refine((b) => b.unitIds || b.parentCode, { path: ['unitIds'], message: 'name the units: unitIds or parentCode' });
export type AssignUnits = z.infer<typeof AssignUnits>;
export const AssignResult = z.object({ updated: z.number().int() });

export const ImportQuery = z.object({
  dryRun: BoolText.optional(),
  /**
   * The rows (spreadsheet numbers, comma-separated: `3,7`) whose unit may take a name another unit
   * already has: the dry run lists them in `nameConfirmations`, and the import refuses any not
   * confirmed here (docs/import.md).
   */
  confirmNames: z
    .string()
    .trim()
    .regex(/^(\d{1,6}(,\d{1,6})*)?$/, '须为逗号分隔的行号')
    .optional(),
});
export const ImportIssue = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export type ImportIssue = z.infer<typeof ImportIssue>;
/** One field of an existing unit that the import changes, as text (dates YYYY-MM-DD, the technician by username). */
export const ImportChange = z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() });
export const ImportUpdate = z.object({ row: z.number().int(), code: z.string(), name: z.string(), changes: z.array(ImportChange) });
export type ImportUpdate = z.infer<typeof ImportUpdate>;
/** A row whose unit would take a name other units have (in the importer's scope, or on another row): confirmed, or not yet. */
export const NameConfirmation = z.object({ row: z.number().int(), code: z.string(), name: z.string(), usedBy: z.array(z.string()), confirmed: z.boolean() });
export type NameConfirmation = z.infer<typeof NameConfirmation>;
/** The contract's `{created, updated}`, and what a clerk checks before confirming (all optional). */
export const ImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  dryRun: z.boolean(),
  /** rows of existing units whose cells change nothing */
  unchanged: z.number().int().optional(),
  /** per updated unit that changes, its changes (old → new), in the file's order; at most 1,000 */
  changes: z.array(ImportUpdate).optional(),
  /** updated units beyond the 1,000 listed in `changes` */
  changesOmitted: z.number().int().optional(),
  /** what is imported as written but may be a mistake: a name another code has, a 上级编码 that names nothing, a wiring due after the connection due */
  warnings: z.array(ImportIssue).optional(),
  /** warnings beyond the 1,000 listed */
  warningsOmitted: z.number().int().optional(),
  /** column headings of the file that name no unit field: their cells are not imported */
  ignoredColumns: z.array(z.string()).optional(),
  /** the spreadsheet row the header was found on (1 unless a title stands above it) */
  headerRow: z.number().int().optional(),
  /** rows whose unit would take a name other units have: the import refuses those not confirmed (`confirmNames`) */
  nameConfirmations: z.array(NameConfirmation).optional(),
  /** name confirmations beyond the 1,000 listed */
  nameConfirmationsOmitted: z.number().int().optional(),
});
export type ImportResult = z.infer<typeof ImportResult>;

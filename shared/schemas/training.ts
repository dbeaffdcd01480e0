// Training the units' IT backbone (docs/contract/training.md, api.md "Training"): the bodies and answers.
import { z } from 'zod';
import { AreaCode } from './areas.js';
import { Id, IsoDate, IsoDateTime, RefId } from './common.js';
import { UnitKind } from './units.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const BACKBONE_KINDS = ['primary', 'deputy'] as const;
export const Backbone = z.object({
  id: Id,
  unitId: Id,
  kind: z.enum(BACKBONE_KINDS),
  name: z.string(),
  post: z.string().nullable(),
  phone: z.string().nullable(),
  since: IsoDate,
  endedAt: IsoDate.nullable().optional(),
});
export type Backbone = z.infer<typeof Backbone>;
export const Backbones = z.object({
  current: z.object({ primary: Backbone.optional(), deputy: Backbone.optional() }),
  history: z.array(Backbone),
});
export type Backbones = z.infer<typeof Backbones>;
export const NameBackbone = z.object({
  kind: z.enum(BACKBONE_KINDS),
  name: text(40),
  post: z.string().trim().max(40).optional(),
  phone: z.string().trim().max(30).optional(),
  since: IsoDate.optional(),
});
export type NameBackbone = z.infer<typeof NameBackbone>;

export const TOPICS = ['network', 'office_automation', 'security', 'other'] as const;
export const Topic = z.enum(TOPICS);
export const TRAINING_STATUSES = ['scheduled', 'open', 'closed'] as const;
export const ATTENDANCE_STATUSES = ['invited', 'attended', 'absent', 'excused'] as const;
export const ATTENDANCE_METHODS = ['code', 'contact', 'office', 'sheet'] as const;

export const TrainingCounts = z.object({
  enrolled: z.number().int(),
  attended: z.number().int(),
  absent: z.number().int(),
  excused: z.number().int(),
  invited: z.number().int(),
  reportedBack: z.number().int(),
});
export type TrainingCounts = z.infer<typeof TrainingCounts>;

export const Training = z.object({
  id: Id,
  title: z.string(),
  topics: z.array(Topic),
  organiser: z.string(),
  trainer: z.string().nullable(),
  venue: z.string(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  areaCode: z.string().nullable(),
  status: z.enum(TRAINING_STATUSES),
  counts: TrainingCounts,
});
export type Training = z.infer<typeof Training>;
export const TrainingResponse = z.object({ training: Training });
export const TrainingList = z.object({ items: z.array(Training) });

const Required = z
  .object({ kinds: z.array(UnitKind).max(3).optional(), unitIds: z.array(RefId).max(5000).optional() })
  .refine((r) => (r.kinds?.length ?? 0) + (r.unitIds?.length ?? 0) > 0, 'name the unit kinds or the units that must attend');
const trainingFields = {
  title: text(100),
  topics: z.array(Topic).min(1).max(4),
  organiser: text(60),
  trainer: z.string().trim().max(60).optional(),
  venue: text(100),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
};
export const CreateTraining = z
  .object({ ...trainingFields, required: Required })
  .refine((t) => Date.parse(t.endsAt) > Date.parse(t.startsAt), { message: 'must be after startsAt', path: ['endsAt'] });
export type CreateTraining = z.infer<typeof CreateTraining>;
/** the details only: who must attend is fixed at creation */
export const PatchTraining = z.object(trainingFields).partial();
export type PatchTraining = z.infer<typeof PatchTraining>;
export const TrainingListQuery = z.object({ area: AreaCode.optional(), status: z.enum(TRAINING_STATUSES).optional() });

export const Attendance = z.object({
  status: z.enum(ATTENDANCE_STATUSES),
  attendee: z.string().nullable().optional(),
  method: z.enum(ATTENDANCE_METHODS).nullable().optional(),
  at: IsoDateTime.nullable().optional(),
  by: z.string().nullable().optional(),
  reason: z.string().nullable().optional(),
});
export type Attendance = z.infer<typeof Attendance>;
export const AttendanceResponse = z.object({ attendance: Attendance });

export const REPORT_BACK_FORMS = ['meeting', 'written', 'other'] as const;
export const REPORT_BACK_STATUSES = ['submitted', 'accepted', 'returned'] as const;
export const ReportBack = z.object({
  id: Id,
  trainingId: Id,
  unitId: Id,
  reportedOn: IsoDate,
  leader: z.string(),
  form: z.enum(REPORT_BACK_FORMS),
  colleaguesReached: z.number().int(),
  summary: z.string(),
  status: z.enum(REPORT_BACK_STATUSES),
  returnReason: z.string().nullable(),
  dueOn: IsoDate,
  submittedAt: IsoDateTime,
});
export type ReportBack = z.infer<typeof ReportBack>;
export const ReportBackResponse = z.object({ reportBack: ReportBack });

export const RosterItem = z.object({
  unit: z.object({ id: Id, code: z.string(), name: z.string(), kind: UnitKind }),
  attendance: Attendance,
  /** due once the unit attended; the report-back itself once recorded */
  reportBack: z.object({ status: z.enum(REPORT_BACK_STATUSES).nullable(), dueOn: IsoDate, id: Id.optional(), reportedOn: IsoDate.optional(), returnReason: z.string().nullable().optional() }).optional(),
});
export type RosterItem = z.infer<typeof RosterItem>;
export const Roster = z.object({ items: z.array(RosterItem) });

export const SignInCode = z.object({ code: z.string(), expiresAt: IsoDateTime, url: z.string() });
export type SignInCode = z.infer<typeof SignInCode>;
export const SignIn = z.object({ code: z.string().trim().max(12), unitId: RefId.optional(), attendee: z.string().trim().min(1).max(40).optional() });
export type SignIn = z.infer<typeof SignIn>;
/** what the public sign-in page shows before the code: the training and its enrolled units (names only) */
export const SignInPage = z.object({
  training: z.object({ id: Id, title: z.string(), venue: z.string(), startsAt: IsoDateTime, endsAt: IsoDateTime }),
  units: z.array(z.object({ id: Id, name: z.string() })),
});

export const MarkAttendance = z.object({
  unitId: RefId,
  status: z.enum(['attended', 'absent', 'excused']),
  attendee: z.string().trim().max(40).optional(),
  reason: z.string().trim().max(200).optional(),
  method: z.enum(['office', 'sheet']).optional(),
  clientEventId: z.string().min(1).max(100).optional(),
  /**
   * the row's status when the office marked it: a mark kept offline and sent later must not
   * overwrite a sign-in (or another office's mark) made meanwhile (409 attendance_changed)
   */
  expectedStatus: z.enum(ATTENDANCE_STATUSES).optional(),
});
export type MarkAttendance = z.infer<typeof MarkAttendance>;

export const SubmitReportBack = z.object({
  unitId: RefId,
  reportedOn: IsoDate,
  leader: text(60),
  form: z.enum(REPORT_BACK_FORMS),
  colleaguesReached: z.number().int().min(0).max(100000),
  summary: z.string().trim().min(1).max(2000),
});
export type SubmitReportBack = z.infer<typeof SubmitReportBack>;
export const ReviewReportBack = z
  .object({ decision: z.enum(['accepted', 'returned']), reason: z.string().trim().max(200).optional() })
  .refine((r) => r.decision !== 'returned' || Boolean(r.reason), { message: 'a returned report-back needs a reason', path: ['reason'] });
export type ReviewReportBack = z.infer<typeof ReviewReportBack>;

export const TrainingReportQuery = z.object({ area: AreaCode.optional(), asOf: IsoDate.optional() });
// one area's counts: the report's rows and the roll-up's `training` (its own file: areas.ts needs it too)
export { TrainingNumbers } from './training-numbers.js';
import { TrainingNumbers } from './training-numbers.js';
export const TrainingReport = z.object({
  asOf: IsoDate,
  items: z.array(TrainingNumbers.extend({ area: z.object({ code: z.string(), name: z.string(), level: z.string() }) })),
});
export type TrainingReport = z.infer<typeof TrainingReport>;

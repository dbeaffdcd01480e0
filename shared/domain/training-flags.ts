// The three training laggard flags (docs/contract/training.md) as pure rules: which a unit
// carries as of a day, with its daysLate. db/queries/reports/training-flags.ts computes the same
// in SQL for many units; tests/api/training.flags.property.test.ts holds the two equal.
// An onboarded unit is not excused: the network being done does not excuse the people.
import { dayNumber } from './dates.js';

export const TRAINING_CATEGORIES = ['report_back_overdue', 'training_absent', 'no_backbone'] as const;
export type TrainingCategory = (typeof TRAINING_CATEGORIES)[number];

export const TRAINING_CATEGORY_LABELS: Record<TrainingCategory, { zh: string; en: string; todo: string }> = {
  no_backbone: { zh: '未明确信息化骨干', en: 'no IT backbone named', todo: '请单位联络员在单位页面填报信息化业务骨干（姓名、职务、电话）' },
  training_absent: { zh: '未派员参训', en: 'absent from training', todo: '请单位派信息化骨干参加下一期同主题培训' },
  report_back_overdue: { zh: '参训后未按期汇报', en: 'report-back overdue', todo: '请参训人员向单位领导汇报培训内容，并由联络员登记汇报情况' },
};

/** Weights on the same scale as the network flags' SEVERITY_RULE (shared/domain/laggards.ts). */
export const TRAINING_WEIGHTS: Record<TrainingCategory, number> = { report_back_overdue: 2, training_absent: 2, no_backbone: 1 };

export interface TrainingFlag {
  category: TrainingCategory;
  stage: 'training';
  daysLate: number;
}

/** What the rules read of one unit, its days as YYYY-MM-DD in the installation's zone. */
export interface UnitTrainingFacts {
  /** a current primary backbone is named */
  hasPrimary: boolean;
  /** the unit's area's backboneDue (null: not checked) */
  backboneDue: string | null;
  reportBackDays: number;
  enrolments: {
    trainingId: string;
    topics: readonly string[];
    /** the training's last day */
    lastDay: string;
    /** the day it was closed, null while open */
    closedOn: string | null;
    status: 'invited' | 'attended' | 'absent' | 'excused';
    /** the report-back's status, if one was submitted */
    reportBack: 'submitted' | 'accepted' | 'returned' | null;
  }[];
}

/** The training flags of a unit as of `asOf`; the largest daysLate where several trainings give one category. */
export function trainingFlags(f: UnitTrainingFacts, asOf: string): TrainingFlag[] {
  const today = dayNumber(asOf);
  const flags: TrainingFlag[] = [];
  const worst = new Map<TrainingCategory, number>();
  const note = (c: TrainingCategory, late: number) => {
    if (late > 0) worst.set(c, Math.max(worst.get(c) ?? 0, late));
  };
  if (!f.hasPrimary && f.backboneDue) note('no_backbone', today - dayNumber(f.backboneDue));
  for (const e of f.enrolments) {
    // absent from a training closed by then, and not attended at a later one sharing a topic
    if (e.status === 'absent' && e.closedOn !== null && e.closedOn <= asOf) {
      const madeUp = f.enrolments.some((o) => o.status === 'attended' && o.lastDay > e.lastDay && o.topics.some((t) => e.topics.includes(t)));
      if (!madeUp) note('training_absent', today - dayNumber(e.lastDay));
    }
    if (e.status === 'attended' && e.reportBack !== 'accepted') note('report_back_overdue', today - (dayNumber(e.lastDay) + f.reportBackDays));
  }
  for (const c of TRAINING_CATEGORIES) {
    const late = worst.get(c);
    if (late !== undefined) flags.push({ category: c, stage: 'training', daysLate: late });
  }
  return flags;
}

// Valid step histories for the benchmarks, from a seeded generator so two runs load the same
// data: mostly forward, with the refusals, postponements, test failures and voids a campaign sees.
import { addDays } from '../../shared/domain/dates.js';
import { allowedSteps, applyStep, deriveProgress, initialProgress, type Progress } from '../../shared/domain/progress.js';
import { REASON_CODES, STEP_RULES, type StepType } from '../../shared/domain/steps.js';
import { progressFacts } from '../../db/queries/units.js';

export const DAY = 86_400_000;

export function generator(seed: number) {
  const random = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pickOne = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  return { random, int, pickOne };
}
export type Generator = ReturnType<typeof generator>;

/** How likely each step is when allowed. */
export const WEIGHT: Record<StepType, number> = {
  'wiring.scheduled': 3,
  'wiring.started': 4,
  'wiring.completed': 4,
  'wiring.refused': 1,
  'wiring.postponed': 1.5,
  'connection.scheduled': 3,
  'connection.started': 4,
  'connection.test_failed': 2,
  'connection.completed': 4,
  'connection.postponed': 1.5,
  'registration.submitted': 4,
  'registration.verified': 6,
  'registration.rejected': 1,
};

export interface StepRow {
  seq: number;
  type: string;
  stage: string;
  occurred_at: string;
  data: Record<string, string>;
  voided: boolean;
}

/** A valid history of exactly `length` rows (a verification only ever as the last one), ending before `now`. */
export function history(g: Generator, length: number, now: number): { rows: StepRow[]; progress: Progress } {
  const { random, int, pickOne } = g;
  const rows: StepRow[] = [];
  const live: { type: StepType; occurredAt: string; data: Record<string, string> }[] = [];
  let t = now - int(5, 62) * DAY - int(0, DAY);
  let progress = initialProgress();
  for (let seq = 1; seq <= length; seq++) {
    const lastRow = seq === length;
    if (live.length && random() < 0.015) {
      // a mistake voided: the row stays, the history goes back one step
      rows[rows.length - 1].voided = true;
      live.pop();
      progress = deriveProgress(live);
    }
    const allowed = allowedSteps(progress, 'office', true).filter((s) => s !== 'registration.verified' || lastRow);
    const total = allowed.reduce((s, a) => s + WEIGHT[a], 0);
    let r = random() * total;
    let type = allowed[allowed.length - 1];
    for (const a of allowed) if ((r -= WEIGHT[a]) < 0) { type = a; break; }
    t = Math.min(now - int(1, 600) * 60_000, t + int(0, 4) * DAY + int(0, DAY / 2));
    const occurredAt = new Date(t).toISOString();
    const rule = STEP_RULES[type];
    const data: Record<string, string> = {};
    if (rule.required.includes('plannedDate' as never)) data.plannedDate = addDays(occurredAt.slice(0, 10), int(1, 10));
    if (rule.required.includes('reason' as never)) {
      data.reason = pickOne(['领导出差', '办公室装修中', '年底工作忙', '没有机房', '费用未落实', '担心安全', '其他原因']);
      data.reasonCode = pickOne(REASON_CODES);
    }
    if (type === 'registration.submitted') data.platformRef = `SQ-${seq}`;
    const step = { type, occurredAt, data };
    live.push(step);
    progress = applyStep(progress, step);
    rows.push({ seq, type, stage: rule.stage, occurred_at: occurredAt, data, voided: false });
  }
  return { rows, progress: deriveProgress(live) };
}

/** a unit's stored facts under their column names */
export const factColumns = (p: Progress) => {
  const f = progressFacts(p);
  return {
    wiring_status: f.wiringStatus,
    connection_status: f.connectionStatus,
    registration_status: f.registrationStatus,
    onboarded: f.onboarded,
    last_event_at: f.lastEventAt,
    refused_at: f.refusedAt,
    postponements: f.postponements,
    first_postponed_at: f.firstPostponedAt,
    connection_at: f.connectionAt,
  };
};

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

// The colour rule of the board (督办's 临近提醒: blue → yellow → red), one table read in order:
// the first row that applies to a unit gives its colour. Due soon is a unit not yet late whose
// next due date falls within the window (GET /api/reports/due-soon); the laggards are yellow or
// red by their flags. The board shows this table as its legend; the screen and the digest use it.
import type { LaggardCategory } from './laggards.js';
import { addDays, daysBetween } from './dates.js';

export type Urgency = 'overdue' | 'held_up' | 'due_soon';

export const URGENCY_RULE = [
  {
    urgency: 'overdue',
    colour: 'red',
    categories: ['overdue_wiring', 'overdue_connection', 'unregistered_after_connection', 'no_backbone', 'report_back_overdue'],
    zh: '红色：已逾期（布线、接入逾期，接入后逾期未申报，逾期未明确骨干或未汇报）',
    en: 'Red: overdue (wiring or connection past its date, unregistered past the grace, no backbone or no report-back past its date)',
  },
  {
    urgency: 'held_up',
    colour: 'yellow',
    categories: ['refused_wiring', 'repeated_postponement', 'stalled', 'training_absent'],
    zh: '黄色：受阻、多次推迟、停滞或未派员参训',
    en: 'Yellow: blocked, postponed again and again, stalled, or absent from training',
  },
  {
    urgency: 'due_soon',
    colour: 'blue',
    categories: [],
    zh: '蓝色：临近到期（尚未逾期，到期日在提醒天数内）',
    en: 'Blue: due soon (not yet late, due within the warning days)',
  },
] as const satisfies readonly { urgency: Urgency; colour: 'red' | 'yellow' | 'blue'; categories: readonly LaggardCategory[]; zh: string; en: string }[];

/** A laggard's colour: the first row whose categories it carries (null: it carries none). */
export function urgencyOf(flags: readonly { category: LaggardCategory }[]): (typeof URGENCY_RULE)[number] | null {
  return URGENCY_RULE.find((r) => flags.some((f) => (r.categories as readonly string[]).includes(f.category))) ?? null;
}

export const URGENCY_COLOUR: Record<Urgency, 'red' | 'yellow' | 'blue'> = Object.fromEntries(URGENCY_RULE.map((r) => [r.urgency, r.colour])) as Record<Urgency, 'red' | 'yellow' | 'blue'>;

/** The default warning window of GET /api/reports/due-soon, in days. */
export const DUE_SOON_DAYS = 3;
export const DUE_SOON_MAX_DAYS = 60;

export type DueStage = 'wiring' | 'connection' | 'registration';

/**
 * A unit's next due date within the window: the earliest of its open due dates (each already the
 * one the laggard rules use) that falls on asOf … asOf + days; on a tie, the earlier stage. A due
 * date before asOf is late, which the board (not this list) shows.
 */
export function nextDue(dues: Partial<Record<DueStage, string | null>>, asOf: string, days: number): { stage: DueStage; dueOn: string; daysLeft: number } | null {
  const last = addDays(asOf, days);
  let best: { stage: DueStage; dueOn: string; daysLeft: number } | null = null;
  for (const stage of ['wiring', 'connection', 'registration'] as const) {
    const due = dues[stage];
    if (!due || due < asOf || due > last) continue;
    if (!best || due < best.dueOn) best = { stage, dueOn: due, daysLeft: daysBetween(asOf, due) };
  }
  return best;
}

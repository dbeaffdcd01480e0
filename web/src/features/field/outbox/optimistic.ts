// The progress a unit will have once its unsent steps arrive: what the technician sees offline.
import { applyStep, type Progress } from '../../../../../shared/domain/progress.js';
import { isStepEntry, type OutboxEntry } from './types.js';

/** The unit's queued steps (a queued roster mark for the unit is not a step of its progress). */
export const pendingFor = (entries: readonly OutboxEntry[], unitId: string) =>
  entries.filter(isStepEntry).filter((e) => e.unitId === unitId && e.status === 'pending').sort((a, b) => a.seq - b.seq);

/** The last known progress with the unit's queued steps applied in the order they were logged. */
export function optimisticProgress<P extends Progress>(progress: P, entries: readonly OutboxEntry[], unitId: string): P {
  return pendingFor(entries, unitId).reduce<P>(
    (p, e) => ({ ...p, ...applyStep(p, { type: e.step.type, occurredAt: e.step.occurredAt, data: e.step.data as never }) }),
    progress,
  );
}

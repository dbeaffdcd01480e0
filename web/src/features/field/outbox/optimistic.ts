// The progress a unit will have once its unsent steps arrive: what the technician sees offline.
import { applyStep, type Progress } from '../../../../../shared/domain/progress.js';
import type { OutboxEntry } from './types.js';

export const pendingFor = (entries: readonly OutboxEntry[], unitId: string) =>
  entries.filter((e) => e.unitId === unitId && e.status === 'pending').sort((a, b) => a.seq - b.seq);

/** The last known progress with the unit's queued steps applied in the order they were logged. */
export function optimisticProgress<P extends Progress>(progress: P, entries: readonly OutboxEntry[], unitId: string): P {
  return pendingFor(entries, unitId).reduce<P>(
    (p, e) => ({ ...p, ...applyStep(p, { type: e.step.type, occurredAt: e.step.occurredAt, data: e.step.data as never }) }),
    progress,
  );
}

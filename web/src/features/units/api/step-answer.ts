// A step as the device sends it (POST /api/units/:id/events) and how the server's answer to a
// step or a void reaches the cache. Steps are logged through the outbox (send-step.ts); this is
// what the form, the outbox and the void share.
import type { useQueryClient } from '@tanstack/react-query';
import type { Step, StepResponse, Unit } from '../../../../../shared/schemas/index.js';
import type { StepType } from '../../../../../shared/domain/steps.js';
import { reportsKey, unitKeys } from './keys.js';

export interface StepRequest {
  type: StepType;
  occurredAt?: string;
  note?: string;
  data?: Record<string, string>;
  clientEventId: string;
}

/** Show the new progress now, then let everything derived from steps refetch. */
export function applyStepAnswer(queryClient: ReturnType<typeof useQueryClient>, unitId: string, answer: StepResponse) {
  queryClient.setQueryData<Unit>(unitKeys.detail(unitId), (unit) => (unit ? { ...unit, progress: answer.progress } : unit));
  queryClient.setQueryData<Step[]>(unitKeys.events(unitId), (steps) => {
    if (!steps) return steps;
    const others = steps.filter((s) => s.id !== answer.event.id);
    return answer.event.voided ? steps.map((s) => (s.id === answer.event.id ? answer.event : s)) : [...others, answer.event];
  });
  void queryClient.invalidateQueries({ queryKey: unitKeys.all });
  void queryClient.invalidateQueries({ queryKey: reportsKey });
}

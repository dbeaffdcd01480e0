// POST /api/units/:id/events: the body and the answer of a step, and how an answer reaches the
// cache. Steps are logged through the outbox (send-step.ts); this is what they share.
import type { useQueryClient } from '@tanstack/react-query';
import type { Step, Unit } from '../../../../../shared/schemas/index.js';
import type { StepType } from '../../../../../shared/domain/steps.js';
import { reportsKey, unitKeys } from './keys.js';

export interface StepRequest {
  type: StepType;
  occurredAt?: string;
  note?: string;
  data?: Record<string, string>;
  clientEventId: string;
}

export interface StepAnswer {
  event: Step;
  progress: Unit['progress'];
}

/** Show the new progress now, then let everything derived from steps refetch. */
export function applyAnswer(queryClient: ReturnType<typeof useQueryClient>, unitId: string, answer: StepAnswer) {
  queryClient.setQueryData<Unit>(unitKeys.detail(unitId), (unit) => (unit ? { ...unit, progress: answer.progress } : unit));
  queryClient.setQueryData<Step[]>(unitKeys.events(unitId), (steps) => {
    if (!steps) return steps;
    const others = steps.filter((s) => s.id !== answer.event.id);
    return answer.event.voided ? steps.map((s) => (s.id === answer.event.id ? answer.event : s)) : [...others, answer.event];
  });
  void queryClient.invalidateQueries({ queryKey: unitKeys.all });
  void queryClient.invalidateQueries({ queryKey: reportsKey });
}

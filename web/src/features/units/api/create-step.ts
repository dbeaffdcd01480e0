// POST /api/units/:id/events: log a step; the answer's progress is shown at once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Step, Unit } from '../../../../../shared/schemas/index.js';
import type { StepType } from '../../../../../shared/domain/steps.js';
import { isApiError, request } from '../../../shared/api/http.js';
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

export function useCreateStep(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (step: StepRequest) =>
      request<StepAnswer>(`/api/units/${encodeURIComponent(unitId)}/events`, { method: 'POST', json: step }),
    onSuccess: (answer) => applyAnswer(queryClient, unitId, answer),
    onError: (error) => {
      // someone else moved the unit on: fetch its progress so the form offers what is allowed now
      if (isApiError(error) && error.status === 409) void queryClient.invalidateQueries({ queryKey: unitKeys.all });
    },
  });
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

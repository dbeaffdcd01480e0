// POST /api/events/:id/void (office): undo the unit's latest live step, with a reason.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../shared/api/http.js';
import { applyAnswer, type StepAnswer } from './create-step.js';

export function useVoidStep(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ stepId, reason }: { stepId: string; reason: string }) =>
      request<StepAnswer>(`/api/events/${encodeURIComponent(stepId)}/void`, { method: 'POST', json: { reason } }),
    onSuccess: (answer) => applyAnswer(queryClient, unitId, answer),
  });
}

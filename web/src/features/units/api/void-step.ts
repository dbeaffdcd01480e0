// POST /api/events/:id/void (office): undo the unit's latest live step, with a reason.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { stepsApi } from '../../../../../shared/api/steps.js';
import { call } from '../../../shared/api/call.js';
import { applyStepAnswer } from './step-answer.js';

export function useVoidStep(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ stepId, reason }: { stepId: string; reason: string }) => call(stepsApi.void, { params: { id: stepId }, body: { reason } }),
    onSuccess: (answer) => applyStepAnswer(queryClient, unitId, answer),
  });
}

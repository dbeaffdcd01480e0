// Logging a step from the field: sent at once when the network allows, otherwise kept in the
// outbox on the device (checked first against the stage machine, as the server would).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { checkStep } from '../../../../../shared/domain/progress.js';
import type { Unit } from '../../../../../shared/schemas/index.js';
import { ApiError, isApiError, request } from '../../../shared/api/http.js';
import { classify } from '../../../shared/outbox/outbox.js';
import { optimisticProgress } from '../../../shared/outbox/optimistic.js';
import { useOutbox } from '../../../shared/outbox/react.js';
import type { OutboxEntry } from '../../../shared/outbox/types.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { applyAnswer, type StepAnswer, type StepRequest } from './create-step.js';
import { unitKeys } from './keys.js';

export type SendResult = { queued: false; answer: StepAnswer } | { queued: true; entry: OutboxEntry };

export function useSendStep(unit: Pick<Unit, 'id' | 'name' | 'progress'>) {
  const queryClient = useQueryClient();
  const outbox = useOutbox();
  const user = useSessionUser();

  return useMutation({
    // offline is handled here (the step is queued), so react-query must not hold the call back
    networkMode: 'always',
    mutationFn: async (step: StepRequest): Promise<SendResult> => {
      const queue = async (s: StepRequest): Promise<SendResult> => ({
        queued: true,
        entry: await outbox!.enqueue({ userId: user.id, unitId: unit.id, unitName: unit.name, step: s }),
      });
      if (outbox) {
        const state = outbox.getSnapshot();
        const waiting = state.entries.some((e) => e.status === 'pending' && e.userId === user.id);
        // offline, or earlier steps still waiting: this one queues behind them, to keep the order
        if (!navigator.onLine || waiting || state.paused) {
          const refusal = checkStep(optimisticProgress(unit.progress, state.entries, unit.id), step.type);
          if (refusal) throw new ApiError(409, 'INVALID_TRANSITION', refusal.message, { reason: refusal.code });
          return queue({ ...step, occurredAt: step.occurredAt ?? new Date().toISOString() });
        }
      }
      const attemptedAt = new Date().toISOString();
      try {
        const answer = await request<StepAnswer>(`/api/units/${encodeURIComponent(unit.id)}/events`, { method: 'POST', json: step });
        return { queued: false, answer };
      } catch (error) {
        // lost on the way or the server is down (or the session ended): keep it, same id, same time
        const verdict = classify(error);
        if (outbox && (verdict === 'retry' || verdict === 'paused')) return queue({ ...step, occurredAt: step.occurredAt ?? attemptedAt });
        throw error;
      }
    },
    onSuccess: (result) => {
      if (!result.queued) applyAnswer(queryClient, unit.id, result.answer);
    },
    onError: (error) => {
      // someone else moved the unit on: fetch its progress so the form offers what is allowed now
      if (isApiError(error) && error.status === 409) void queryClient.invalidateQueries({ queryKey: unitKeys.all });
    },
  });
}

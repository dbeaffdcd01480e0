// Logging a step: it goes into the device's outbox first (checked against the stage machine, as
// the server would), then is sent; the form waits briefly for the answer. A step whose answer is
// slow stays in the outbox, which keeps sending it: nothing depends on the page staying open.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { checkStep } from '../../../../../shared/domain/progress.js';
import type { Unit } from '../../../../../shared/schemas/index.js';
import { stepsApi } from '../../../../../shared/api/steps.js';
import { call } from '../../../shared/api/call.js';
import { ApiError, isApiError } from '../../../shared/api/http.js';
import { entryRefusal, optimisticProgress, useOutbox, type OutboxEntry } from '../../field/index.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { applyStepAnswer, type StepRequest } from './step-answer.js';
import { unitKeys } from './keys.js';

/** How long the form waits for the server before saying the step is kept and will be sent. */
export const FORM_WAIT_MS = 3_000;

/** `queued: false`: the server recorded it. `queued: true`: it waits in the outbox, which goes on sending it. */
export type SendResult = { queued: false; clientEventId: string } | { queued: true; clientEventId: string; entry: OutboxEntry };

export function useSendStep(unit: Pick<Unit, 'id' | 'name' | 'progress'>, opts: { waitMs?: number } = {}) {
  const queryClient = useQueryClient();
  const outbox = useOutbox();
  const user = useSessionUser();

  return useMutation({
    // offline is handled by the outbox, so react-query must not hold the call back
    networkMode: 'always',
    mutationFn: async (step: StepRequest): Promise<SendResult> => {
      if (!outbox) {
        // a piece rendered without the app (tests): straight to the server
        const answer = await call(stepsApi.record, { params: { id: unit.id }, body: step });
        applyStepAnswer(queryClient, unit.id, answer);
        return { queued: false, clientEventId: step.clientEventId };
      }
      const state = outbox.getSnapshot();
      const refusal = checkStep(optimisticProgress(unit.progress, state.entries, unit.id), step.type);
      if (refusal) throw new ApiError(409, 'INVALID_TRANSITION', refusal.message, { reason: refusal.code });
      // stored on the device before anything is sent: a closed tab or a held request loses nothing
      const entry = await outbox.enqueueAndWait({ userId: user.id, unitId: unit.id, unitName: unit.name, step }, opts.waitMs ?? FORM_WAIT_MS);
      if (entry.status === 'sent') return { queued: false, clientEventId: entry.clientEventId };
      if (entry.status === 'refused') {
        // the form shows why, with the values still filled in: the outbox need not show it again
        await outbox.dismiss(entry.clientEventId);
        throw entryRefusal(entry);
      }
      return { queued: true, clientEventId: entry.clientEventId, entry };
    },
    onError: (error) => {
      // someone else moved the unit on: fetch its progress so the form offers what is allowed now
      if (isApiError(error) && error.status === 409) void queryClient.invalidateQueries({ queryKey: unitKeys.all });
    },
  });
}

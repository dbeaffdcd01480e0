// The training API as the dashboard uses it: queries and writes, keyed under ['training'].
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trainingApi as api } from '../../../../../shared/api/training.js';
import type { CreateTraining, MarkAttendance, NameBackbone, PatchTraining, SubmitReportBack } from '../../../../../shared/schemas/training.js';
import { call } from '../../../shared/api/call.js';
import { useSessionUser } from '../../../shared/session/session.js';
import { entryRefusal, useOutbox } from '../../field/index.js';

/** How long a roster mark waits for the server before the row says it is kept and will be sent. */
export const MARK_WAIT_MS = 3_000;

export const trainingKeys = {
  all: ['training'] as const,
  list: () => ['training', 'list'] as const,
  one: (id: string) => ['training', 'one', id] as const,
  roster: (id: string) => ['training', 'roster', id] as const,
  backbones: (unitId: string) => ['training', 'backbones', unitId] as const,
  code: (id: string) => ['training', 'code', id] as const,
  page: (id: string) => ['training', 'sign-in-page', id] as const,
  numbers: (area?: string) => ['training', 'numbers', area ?? ''] as const,
};

export const useTrainings = () => useQuery({ queryKey: trainingKeys.list(), queryFn: ({ signal }) => call(api.list, { signal }).then((r) => r.items) });
export const useTraining = (id: string) => useQuery({ queryKey: trainingKeys.one(id), queryFn: ({ signal }) => call(api.get, { params: { id }, signal }).then((r) => r.training) });
/** `live`: read again every few seconds (the sign-in screen and the roster in the hall) */
export const useRoster = (id: string, live = false) =>
  useQuery({ queryKey: trainingKeys.roster(id), queryFn: ({ signal }) => call(api.roster, { params: { id }, signal }).then((r) => r.items), refetchInterval: live ? 4000 : false });
/** a unit's backbone people: also fetched ahead for a technician's units, to be read offline */
export const backbonesQueryOptions = (unitId: string) =>
  queryOptions({ queryKey: trainingKeys.backbones(unitId), queryFn: ({ signal }) => call(api.backbones, { params: { id: unitId }, signal }) });
export const useBackbones = (unitId: string) => useQuery(backbonesQueryOptions(unitId));
/** The code shown on the projector: read again a little before each change. */
export const useSignInCode = (id: string) =>
  useQuery({ queryKey: trainingKeys.code(id), queryFn: ({ signal }) => call(api.signInCode, { params: { id }, signal }), refetchInterval: 15_000, retry: false });
export const useSignInPage = (id: string) => useQuery({ queryKey: trainingKeys.page(id), queryFn: ({ signal }) => call(api.signInPage, { params: { id }, signal }), retry: false });
export const trainingNumbersOptions = (area?: string) =>
  queryOptions({ queryKey: trainingKeys.numbers(area), queryFn: ({ signal }) => call(api.report, { query: area ? { area } : {}, signal }) });
export const useTrainingNumbers = (area?: string) => useQuery(trainingNumbersOptions(area));

function useInvalidate() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: trainingKeys.all }), client.invalidateQueries({ queryKey: ['reports'] })]);
}

export function useNameBackbone(unitId: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: NameBackbone) => call(api.nameBackbone, { params: { id: unitId }, body }), onSuccess: invalidate });
}
export function useCreateTraining() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: CreateTraining) => call(api.create, { body }).then((r) => r.training), onSuccess: invalidate });
}
export function usePatchTraining(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: PatchTraining) => call(api.patch, { params: { id }, body }).then((r) => r.training), onSuccess: invalidate });
}
/**
 * A roster mark goes through the device's outbox, like a technician's step: kept before it is sent,
 * sent once the network is back, recorded once (its clientEventId). Online it goes at once.
 */
export function useMark(id: string) {
  const invalidate = useInvalidate();
  const outbox = useOutbox();
  const user = useSessionUser();
  return useMutation({
    // offline is the outbox's business: react-query must not hold the mark back
    networkMode: 'always',
    mutationFn: async ({ unitName, ...body }: MarkAttendance & { clientEventId: string; unitName: string }) => {
      // a piece rendered without the app (tests): straight to the server
      if (!outbox) return void (await call(api.mark, { params: { id }, body }));
      const { unitId, clientEventId, status, attendee, reason, expectedStatus } = body;
      const entry = await outbox.enqueueAndWait({ userId: user.id, unitId, unitName, clientEventId, attendance: { trainingId: id, status, attendee, reason, expectedStatus } }, MARK_WAIT_MS);
      if (entry.status === 'refused') {
        // the row shows why: the outbox need not show it again
        await outbox.dismiss(entry.clientEventId);
        throw entryRefusal(entry);
      }
    },
    onSuccess: invalidate,
  });
}
export function useCloseTraining(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: () => call(api.close, { params: { id } }).then((r) => r.training), onSuccess: invalidate });
}
export function useSignIn(id: string) {
  return useMutation({ mutationFn: (body: { code: string; unitId?: string; attendee?: string }) => call(api.signIn, { params: { id }, body }).then((r) => r.attendance) });
}
export function useSubmitReportBack(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: SubmitReportBack) => call(api.submitReportBack, { params: { id }, body }).then((r) => r.reportBack), onSuccess: invalidate });
}
export function useReview() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: 'accepted' | 'returned'; reason?: string }) => call(api.review, { params: { id }, body: { decision, reason } }),
    onSuccess: invalidate,
  });
}

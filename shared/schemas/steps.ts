import { z } from 'zod';
import { REASON_CODES, REASON_LABELS, STEP_RULES, STEP_TYPES, reasonSpeaks, requiredFields, type StepField, type StepRule } from '../domain/steps.js';
import { ROLES } from '../domain/catalogue.js';
import { Id, IsoDate, IsoDateTime, PageQuery, Text, listOf } from './common.js';
import { AreaFilter, Progress, StageName } from './units.js';

/** How far ahead of the server's clock an occurredAt may be (device clocks drift). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export const StepTypeName = z.enum(STEP_TYPES as [string, ...string[]]).transform((t) => t as keyof typeof STEP_RULES);
export const ReasonCodeName = z.enum(REASON_CODES);

export const StepData = z
  .object({
    plannedDate: IsoDate.optional(),
    reason: Text(500).optional(),
    reasonCode: ReasonCodeName.optional(),
    until: IsoDate.optional(),
    circuitId: Text(100).optional(),
    platformRef: Text(100).optional(),
    note: Text(1000).optional(),
  })
  .strict();

export const StepInput = z
  .object({
    type: StepTypeName,
    occurredAt: IsoDateTime.optional(),
    note: Text(1000).optional(),
    reason: Text(500).optional(),
    data: StepData.optional(),
    clientEventId: z.uuid().optional(),
  })
  .transform(({ reason, note, data, ...rest }) => {
    // `reason` and `note` may come at the top level or inside `data`: keep one place for each.
    const merged = { ...(data ?? {}) };
    if (reason && !merged.reason) merged.reason = reason;
    const text = note || merged.note || undefined;
    delete merged.note;
    for (const key of Object.keys(merged) as (keyof typeof merged)[]) if (merged[key] === '') delete merged[key];
    // only a category was given: its words are the reason, so every such step still has one
    const rule: StepRule = STEP_RULES[rest.type];
    if (!merged.reason && rule.reasonFromCode && reasonSpeaks(merged.reasonCode)) merged.reason = REASON_LABELS[merged.reasonCode].zh;
    return { ...rest, note: text, data: merged };
  })
  .superRefine((step, ctx) => {
    const rule = STEP_RULES[step.type];
    const allowed = new Set<StepField>([...rule.required, ...rule.optional, 'note']);
    for (const need of requiredFields(step.type, step.data)) {
      const present = need === 'note' ? step.note : step.data[need as keyof typeof step.data];
      if (!present) ctx.addIssue({ code: 'custom', path: need === 'note' ? ['note'] : ['data', need], message: `required for ${step.type}` });
    }
    for (const key of Object.keys(step.data) as StepField[]) {
      if (!allowed.has(key)) ctx.addIssue({ code: 'custom', path: ['data', key], message: `not a field of ${step.type}` });
    }
    if (step.occurredAt && Date.parse(step.occurredAt) > Date.now() + FUTURE_TOLERANCE_MS) {
      ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: 'is in the future' });
    }
  });
export type StepInput = z.output<typeof StepInput>;

export const Actor = z.object({ id: Id.nullable(), displayName: z.string(), role: z.enum(ROLES) });

export const Step = z.object({
  id: Id,
  unitId: Id,
  type: z.string(),
  stage: StageName,
  occurredAt: IsoDateTime,
  recordedAt: IsoDateTime,
  actor: Actor,
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  clientEventId: z.string().nullable(),
  voided: z.boolean(),
  voidReason: z.string().optional(),
  voidedAt: IsoDateTime.optional(),
  voidedBy: Actor.optional(),
});
export type Step = z.infer<typeof Step>;

export const StepResponse = z.object({ event: Step, progress: Progress });
export type StepResponse = z.infer<typeof StepResponse>;
export const StepList = listOf(Step);
export type StepList = z.infer<typeof StepList>;

export const VoidBody = z.object({ reason: Text(500).min(1) });

export const EventsQuery = PageQuery.extend({
  unitId: z.string().optional(),
  /** an area of any level: the steps of its units (inside the caller's scope, else 404) */
  area: AreaFilter.optional(),
  type: StepTypeName.optional(),
  since: IsoDateTime.optional(),
});

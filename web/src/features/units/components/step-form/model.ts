// What the step form asks for and what it sends, from the shared step catalogue: pure, so it is tested alone.
import { STEP_RULES, requiredFields, type StepField, type StepType } from '../../../../../../shared/domain/steps.js';
import { FUTURE_TOLERANCE_MS, StepInput } from '../../../../../../shared/schemas/index.js';
import { wallInputToIso } from '../../../../shared/lib/time.js';
import type { StepRequest } from '../../api/step-answer.js';

export const FIELD_ORDER: readonly StepField[] = ['reasonCode', 'reason', 'plannedDate', 'until', 'circuitId', 'platformRef', 'note'];

export interface FieldSpec {
  field: StepField;
  required: boolean;
  /** required in general, but not with the values given (a reason category was chosen) */
  waived?: boolean;
}

/**
 * Exactly the fields the catalogue lists for `type`, plus an optional note, in a stable order;
 * with `values`, what is required given them (the reason text is not once a category says enough).
 */
export function stepFields(type: StepType, values?: Pick<StepValues, 'reasonCode'>): FieldSpec[] {
  const rule = STEP_RULES[type];
  const always = new Set<StepField>(rule.required);
  const required = new Set<StepField>(values ? requiredFields(type, values) : rule.required);
  const asked = new Set<StepField>([...rule.required, ...rule.optional, 'note']);
  return FIELD_ORDER.filter((f) => asked.has(f)).map((field) => ({
    field,
    required: required.has(field),
    ...(always.has(field) && !required.has(field) ? { waived: true } : {}),
  }));
}

export type StepValues = Record<StepField, string> & { occurredAt: string };

export const emptyValues = (): StepValues => ({
  occurredAt: '',
  plannedDate: '',
  reason: '',
  reasonCode: '',
  until: '',
  circuitId: '',
  platformRef: '',
  note: '',
});

/** Errors name a field and say `required`, `future`, `invalid` or the schema's own message. */
export type StepErrors = Partial<Record<StepField | 'occurredAt', string>>;

export interface BuildOptions {
  timeZone: string;
  clientEventId: string;
  /** the user set the time back; when false the server's clock is used */
  occurredAtTouched: boolean;
  now?: number;
}

export function buildStep(type: StepType, values: StepValues, options: BuildOptions): { step?: StepRequest; errors: StepErrors } {
  const errors: StepErrors = {};
  const step: StepRequest = { type, clientEventId: options.clientEventId };

  if (options.occurredAtTouched && values.occurredAt) {
    const iso = wallInputToIso(values.occurredAt, options.timeZone);
    if (!iso) errors.occurredAt = 'invalid';
    else if (Date.parse(iso) > (options.now ?? Date.now()) + FUTURE_TOLERANCE_MS) errors.occurredAt = 'future';
    else step.occurredAt = iso;
  }

  const data: Record<string, string> = {};
  for (const { field, required } of stepFields(type, values)) {
    const value = values[field].trim();
    if (!value) {
      if (required) errors[field] = 'required';
      continue;
    }
    if (field === 'note') step.note = value;
    else data[field] = value;
  }
  if (Object.keys(data).length) step.data = data;

  // the shared schema catches the rest (date shapes, lengths) the same way the server will
  const parsed = StepInput.safeParse(step);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[issue.path.length - 1] as keyof StepErrors;
      if (!errors[field]) errors[field] = issue.message;
    }
  }
  return Object.keys(errors).length ? { errors } : { step, errors };
}

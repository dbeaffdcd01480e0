// The unit form's values, checked by the same schema the API uses.
import { CreateUnit, type Unit } from '../../../../../../shared/schemas/index.js';

export const UNIT_FIELDS = ['code', 'name', 'kind', 'parentCode', 'contactName', 'contactPhone', 'address', 'wiringDue', 'connectionDue'] as const;
export type UnitField = (typeof UNIT_FIELDS)[number];
export type UnitValues = Record<UnitField, string>;

export function unitValues(unit?: Unit): UnitValues {
  const out = {} as UnitValues;
  for (const field of UNIT_FIELDS) out[field] = unit ? String(unit[field] ?? '') : field === 'kind' ? 'township' : '';
  return out;
}

export function checkUnit(values: UnitValues): { unit?: CreateUnit; errors: Partial<Record<UnitField, string>> } {
  const input: Record<string, string | null> = {};
  for (const field of UNIT_FIELDS) input[field] = values[field].trim() === '' ? null : values[field].trim();
  const parsed = CreateUnit.safeParse(input);
  if (parsed.success) return { unit: parsed.data, errors: {} };
  const errors: Partial<Record<UnitField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as UnitField;
    if (!errors[field]) errors[field] = input[field] === null ? 'required' : issue.message;
  }
  return { errors };
}

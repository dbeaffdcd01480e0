// An import row as the service handles it once its cells are checked: the fields it sets, its
// county and the stored unit it updates (import.areas.ts), and what that unit holds after it.
import type { StoredUnit } from '../../../db/queries/import.js';

export const REQUIRED = ['code', 'name', 'kind'] as const;
/** The unit fields a row's cells set beside its code, as UnitFields checks them. */
export const CELL_FIELDS = ['name', 'kind', 'parentCode', 'contactName', 'contactPhone', 'address', 'wiringDue', 'connectionDue'] as const;
/** What a row may change: those, and the county import.areas.ts places it in. */
export const FIELDS = [...CELL_FIELDS, 'areaCode'] as const;
export type Field = (typeof FIELDS)[number];

/** A row that passed: the fields its cells give (null: cleared), and its technician when the file names one. */
export interface ValidRow {
  row: number;
  code: string;
  /** the 所属区县 cell as written (undefined: blank, null: cleared), placed by import.areas.ts */
  area?: string | null;
  fields: Partial<Record<Field, string | null>>;
  /** undefined: the file has no 负责技术员 cell for it (kept); null: cleared */
  assigneeId?: string | null;
  assignee?: string | null;
  /** the named technician's own scope: the unit's county must lie in it (as on POST /api/units) */
  assigneeScope?: string | null;
  /** the stored unit the row updates (import.areas.ts); absent: a new unit */
  unit?: StoredUnit;
}

/** What the row's unit holds after the import: its stored fields with the row's cells over them. */
export function merged(row: ValidRow, stored: StoredUnit | undefined = row.unit): Record<Field, string | null> {
  const out = {} as Record<Field, string | null>;
  for (const f of FIELDS) out[f] = f in row.fields ? row.fields[f]! : ((stored?.[f] as string | null | undefined) ?? null);
  return out;
}

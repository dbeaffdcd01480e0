// Query keys of everything about units: a step or an edit invalidates `unitKeys.all`.
export interface UnitFilters {
  page?: number;
  pageSize?: number;
  q?: string;
  kind?: string;
  stage?: string;
  status?: string;
  onboarded?: string;
  parentCode?: string;
  /** a technician's id, `me`, or `none` */
  assignee?: string;
  /** an area of any level: the units in that subtree */
  area?: string;
}

import { reportKeys } from '../../reports/index.js';

export const unitKeys = {
  all: ['units'] as const,
  lists: ['units', 'list'] as const,
  list: (filters: UnitFilters) => ['units', 'list', filters] as const,
  detail: (id: string) => ['units', 'detail', id] as const,
  events: (id: string) => ['units', 'events', id] as const,
};

/** Reports are derived from the same steps: they go stale together. */
export const reportsKey = reportKeys.all;

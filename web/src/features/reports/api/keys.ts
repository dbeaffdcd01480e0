import type { LaggardFilters, SummaryScope } from './types.js';

export const reportKeys = {
  all: ['reports'] as const,
  summary: (scope: SummaryScope = {}) => ['reports', 'summary', scope] as const,
  laggards: (filters: LaggardFilters) => ['reports', 'laggards', filters] as const,
  trend: (from: string, to: string) => ['reports', 'trend', from, to] as const,
  reasons: (asOf?: string) => ['reports', 'reasons', asOf ?? null] as const,
};

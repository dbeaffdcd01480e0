// The report shapes come from the shared contract; the board adds a search box of its own.
export { LAGGARD_CATEGORIES, type LaggardCategory, type LaggardFlag } from '../../../../../shared/domain/laggards.js';
export type {
  LaggardFilter,
  LaggardItem as Laggard,
  LaggardsReport,
  ReasonsReport,
  SummaryReport as Summary,
  TrendReport,
} from '../../../../../shared/schemas/reports.js';
import type { LaggardFilter } from '../../../../../shared/schemas/reports.js';

export type TrendDay = { date: string; wiring: number; connection: number; registration: number };

/** The board's filters: the report's own, a page, and a search over the rows shown. */
export type LaggardFilters = Partial<Record<keyof LaggardFilter, string>> & { q?: string; page?: string; area?: string };

/** What a summary counts: all units, or those of a kind, a parent code, a search. */
export type SummaryScope = Partial<Record<'asOf' | 'kind' | 'parentCode' | 'q' | 'area', string>>;

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
import type { LaggardsQuery, TrendReport } from '../../../../../shared/schemas/reports.js';
import type { SearchOf } from '../../../shared/router/search.js';

export type TrendDay = TrendReport['items'][number];

/** The board's filters as its address and the API's query string write them: the report's own and a page. */
export type LaggardFilters = SearchOf<typeof LaggardsQuery>;

/** What a summary counts: all units, or those of a kind, a parent code, a search. */
export type SummaryScope = Partial<Record<'asOf' | 'kind' | 'parentCode' | 'q' | 'area', string>>;

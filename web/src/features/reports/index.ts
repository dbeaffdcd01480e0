// What the reports feature offers the rest of the web: its queries and keys, and the laggards'
// categories and filter shapes the areas' tables are drawn with.
export { reportKeys } from './api/keys.js';
export { laggardFiltersFrom, laggardsQueryOptions } from './api/get-laggards.js';
export { summaryQueryOptions } from './api/get-summary.js';
export { LAGGARD_CATEGORIES, type LaggardFilters, type LaggardsReport } from './api/types.js';

// The reports' SQL, split by concern: context (the transaction, the day), facts and flags (the
// laggard rules over each unit), and one file per report.
export { anyStepAfter, inReportTransaction, type ReportContext } from './context.js';
export { CATEGORY_BIT, CATEGORY_COLUMN } from './flags.js';
export { allLaggards, laggardPage, type LaggardRow, type ReportFilter } from './laggards.js';
export { changeCounts, summaryGroups, type ChangeCounts, type SummaryGroup } from './summary.js';
export { rollupGroups, rollupTraining } from './rollup.js';
export { completionsByDay, countUnits } from './trend.js';
export { reasonCounts } from './reasons.js';
export { dueSoonPage, type DueSoonRow } from './due-soon.js';
export { reviewQueue, type ReviewRow } from './review.js';

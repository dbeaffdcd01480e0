// SHIM (data-floor move in progress): what the notices and the digest take from the reports.
// The reports helper replaces this with the real home of these functions (below the features).
export { reportContext, reportArea, toLaggardItem, areaReports } from '../features/reports/reports.service.js';
export { allLaggards, type ReportContext } from '../features/reports/reports.repository.js';

// The reports (docs/contract/api.md "Reports"): the summary, the laggard board and its files, the trend, the
// reasons, and the roll-up of an area's children. The office and the viewer read them, each over
// its own scope: an `area` or `parent` outside it is a 404.
import { RollupQuery, RollupResponse } from '../schemas/areas.js';
import {
  DueSoonQuery,
  DueSoonReport,
  LaggardFilter,
  LaggardsQuery,
  LaggardsReport,
  ReasonsQuery,
  ReasonsReport,
  ReviewQueueQuery,
  ReviewQueueReport,
  SummaryEndpointQuery,
  SummaryReport,
  TrendQuery,
  TrendReport,
} from '../schemas/reports.js';
import { endpoint } from './endpoint.js';
import { overseers } from './roles.js';

const tag = 'reports';
const access = { roles: overseers, scope: 'filtered' } as const;

export const reportsApi = {
  summary: endpoint({ method: 'GET', path: '/api/reports/summary', tag, access, query: SummaryEndpointQuery, response: { 200: SummaryReport } }),
  laggards: endpoint({ method: 'GET', path: '/api/reports/laggards', tag, access, query: LaggardsQuery, response: { 200: LaggardsReport } }),
  /** every laggard under the filter, ranked, as the board shows them */
  laggardsCsv: endpoint({ method: 'GET', path: '/api/reports/laggards.csv', tag, access, query: LaggardFilter, answer: 'file' }),
  laggardsXlsx: endpoint({ method: 'GET', path: '/api/reports/laggards.xlsx', tag, access, query: LaggardFilter, answer: 'file' }),
  trend: endpoint({ method: 'GET', path: '/api/reports/trend', tag, access, query: TrendQuery, response: { 200: TrendReport } }),
  /** the units not yet late whose next due date falls within `days` (the board's 临近到期 tab) */
  dueSoon: endpoint({ method: 'GET', path: '/api/reports/due-soon', tag, access, query: DueSoonQuery, response: { 200: DueSoonReport } }),
  reasons: endpoint({ method: 'GET', path: '/api/reports/reasons', tag, access, query: ReasonsQuery, response: { 200: ReasonsReport } }),
  // "The record": registrations awaiting the office's review, oldest first
  reviewQueue: endpoint({ method: 'GET', path: '/api/reports/review-queue', tag, access, query: ReviewQueueQuery, response: { 200: ReviewQueueReport } }),
  // the roll-up of a scope's children (docs/contract/areas.md "Roll-ups"); a parent outside the scope: 404
  areas: endpoint({ method: 'GET', path: '/api/reports/areas', tag, access, query: RollupQuery, response: { 200: RollupResponse } }),
  areasCsv: endpoint({ method: 'GET', path: '/api/reports/areas.csv', tag, access, query: RollupQuery, answer: 'file' }),
  areasXlsx: endpoint({ method: 'GET', path: '/api/reports/areas.xlsx', tag, access, query: RollupQuery, answer: 'file' }),
};

// GET /api/reports/review-queue ("The record"): the registrations awaiting the office's review.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { reportsApi } from '../../../../../shared/api/reports.js';
import { call } from '../../../shared/api/call.js';

export const reviewQueueQueryOptions = (area: string | null) =>
  queryOptions({
    queryKey: ['reports', 'review-queue', area] as const,
    queryFn: ({ signal }) => call(reportsApi.reviewQueue, { query: area ? { area } : {}, signal }),
  });

export const useReviewQueue = (area: string | null) => useQuery(reviewQueueQueryOptions(area));

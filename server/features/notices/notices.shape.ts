// A stored notice as the API answers it, and its printed number: shared by the unit notices
// (notices.service.ts) and the 督办 to areas (notices.areas.ts).
import type * as repo from '../../../db/queries/notices.js';
import { addDays } from '../../../shared/domain/dates.js';
import { defaultRespondBy, MAX_RESPOND_DAYS, noticeNumber, noticeStatus } from '../../../shared/domain/notices.js';
import { fail } from '../../lib/errors.js';
import type { ReportContext } from '../../lib/reports.js';
import type { Notice } from '../../../shared/schemas/notices.js';
import { iso } from '../../lib/time.js';

/**
 * A notice's printed number. The one place that calls the numbering: when notices are numbered
 * per issuing area (issue 24 item 2), only this line changes.
 */
export const numberOf = (r: { year: number; seq: number }) => noticeNumber(r.year, r.seq);

export const toNotice = (r: repo.NoticeRow, today: string): Notice => ({
  id: r.id,
  number: numberOf(r),
  year: r.year,
  seq: r.seq,
  unitId: r.unitId,
  unit: { code: r.unitCode, name: r.unitName },
  target: r.targetArea ? { type: 'area', code: r.targetArea, name: r.unitName } : { type: 'unit', code: r.unitCode, name: r.unitName },
  ...(r.snapshot ? { snapshot: r.snapshot } : {}),
  flags: r.flags,
  severity: r.severity,
  issuedOn: r.issuedOn,
  issuedAt: iso(r.issuedAt),
  issuedBy: { id: r.issuedBy, displayName: r.issuedByName },
  respondBy: r.respondBy,
  note: r.note,
  status: noticeStatus(r, today),
  ...(r.answeredAt ? { answer: { text: r.answerText ?? '', at: iso(r.answeredAt), by: { id: r.answeredBy, displayName: r.answeredByName ?? '' } } } : {}),
  ...(r.withdrawnAt ? { withdrawn: { reason: r.withdrawReason ?? '', at: iso(r.withdrawnAt), by: { id: r.withdrawnBy, displayName: r.withdrawnByName ?? '' } } } : {}),
  batchId: r.batchId,
});


/** The respond-by day asked for (a week after today when none), no earlier than today nor too far ahead. */
export function respondByOf(body: { respondBy?: string }, ctx: ReportContext): string {
  const day = body.respondBy ?? defaultRespondBy(ctx.asOf);
  const field = 'body.respondBy';
  if (day < ctx.asOf) throw fail.validation('respondBy is before today', [{ field, message: '答复期限不能早于今天' }]);
  if (day > addDays(ctx.asOf, MAX_RESPOND_DAYS)) {
    throw fail.validation(`respondBy is more than ${MAX_RESPOND_DAYS} days ahead`, [{ field, message: `答复期限最多为 ${MAX_RESPOND_DAYS} 天以后` }]);
  }
  return day;
}


// Report-backs (docs/contract/training.md "Reporting back"): the unit's contact or the office records
// one for a unit that attended; the office accepts it or returns it with a reason.
import type { DbOrTx } from '../../../db/client.js';
import { appendAudit } from '../../../db/queries/audit.js';
import { readSettings, rulesForArea } from '../../../db/queries/settings.js';
import * as q from '../../../db/queries/training.js';
import { dayOf, today } from '../../../shared/domain/dates.js';
import { reportBackDue } from '../../../shared/domain/training.js';
import type { ReportBack, SubmitReportBack } from '../../../shared/schemas/training.js';
import { DEFAULT_REPORT_BACK_DAYS } from '../../../shared/schemas/settings.js';
import { actingNow, type Actor } from '../../lib/actor.js';
import { fail, isUuid } from '../../lib/errors.js';
import { unitOutOfReach } from '../../lib/unit-reach.js';
import { reachable } from './training.service.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

// ——— report-backs ———

function reportBackOut(r: q.ReportBackRow, dueOn: string): ReportBack {
  return {
    id: r.id,
    trainingId: r.trainingId,
    unitId: r.unitId,
    reportedOn: r.reportedOn,
    leader: r.leader,
    form: r.form,
    colleaguesReached: r.colleaguesReached,
    summary: r.summary,
    status: r.status,
    returnReason: r.returnReason,
    dueOn,
    submittedAt: iso(r.submittedAt)!,
  };
}

async function dueOnOf(db: DbOrTx, t: q.TrainingRow, unitArea: string | null) {
  const [settings, rules] = await Promise.all([readSettings(db), rulesForArea(db, unitArea)]);
  return reportBackDue(t.endsAt, settings.timezone, rules.reportBackDays ?? DEFAULT_REPORT_BACK_DAYS);
}

/**
 * The day the unit reported back falls between the training's first day and today (the
 * installation's zone): a date before the training or in the future would make any report-back
 * count as on time.
 */
async function reportedOnInBounds(db: DbOrTx, t: q.TrainingRow, reportedOn: string) {
  const zone = (await readSettings(db)).timezone;
  const first = dayOf(t.startsAt, zone);
  const now = today(zone);
  if (reportedOn < first || reportedOn > now) {
    const message = reportedOn < first ? `汇报日期不能早于培训开始日期（${first}）` : `汇报日期不能晚于今天（${now}）`;
    throw fail.validation(`invalid body: reportedOn must be between ${first} and ${now}`, [{ field: 'body.reportedOn', message }]);
  }
}

export async function submitReportBack(db: DbOrTx, actor: Actor, id: string, body: SubmitReportBack): Promise<{ reportBack: ReportBack }> {
  return db.transaction(async (tx) => {
    const me = await actingNow(tx, actor);
    const t = await reachable(tx, me, id, true);
    const unit = isUuid(body.unitId) ? await q.unitInReachById(tx, me.reach, body.unitId) : undefined;
    if (!unit) throw unitOutOfReach(me, body.unitId);
    const attendance = await q.attendanceFor(tx, id, body.unitId);
    if (!attendance) throw fail.notFound('enrolled unit');
    if (attendance.status !== 'attended') throw fail.conflict('only a unit that attended reports back');
    await reportedOnInBounds(tx, t, body.reportedOn);
    const before = await q.reportBackFor(tx, id, body.unitId);
    if (before && before.status !== 'returned') throw fail.conflict(before.status === 'accepted' ? 'the report-back is accepted already' : 'a report-back is awaiting review');
    const row = await q.upsertReportBack(tx, { trainingId: id, unitId: body.unitId, reportedOn: body.reportedOn, leader: body.leader, form: body.form, colleaguesReached: body.colleaguesReached, summary: body.summary, submittedBy: me.id });
    await appendAudit(tx, me, { action: 'report_back.submit', target: `unit:${body.unitId}`, details: { trainingId: id, title: t.title, reportedOn: body.reportedOn, leader: body.leader, again: Boolean(before) } });
    return { reportBack: reportBackOut(row, await dueOnOf(tx, t, unit.area_code)) };
  });
}

export async function reviewReportBack(db: DbOrTx, actor: Actor, reportBackId: string, body: { decision: 'accepted' | 'returned'; reason?: string }): Promise<{ reportBack: ReportBack }> {
  if (!isUuid(reportBackId)) throw fail.notFound('report-back');
  return db.transaction(async (tx) => {
    const me = await actingNow(tx, actor);
    const rb = await q.reportBackById(tx, reportBackId);
    if (!rb) throw fail.notFound('report-back');
    const t = await reachable(tx, me, rb.trainingId).catch(() => {
      throw fail.notFound('report-back');
    });
    const unit = await q.unitInReachById(tx, me.reach, rb.unitId);
    if (!unit) throw fail.notFound('report-back');
    if (rb.status !== 'submitted') throw fail.conflict(`the report-back is ${rb.status} already`);
    const row = await q.reviewReportBack(tx, rb.id, { status: body.decision, reason: body.decision === 'returned' ? body.reason! : null, by: me.id });
    await appendAudit(tx, me, { action: 'report_back.review', target: `unit:${rb.unitId}`, details: { trainingId: t.id, title: t.title, decision: body.decision, reason: body.reason ?? null } });
    return { reportBack: reportBackOut(row, await dueOnOf(tx, t, unit.area_code)) };
  });
}

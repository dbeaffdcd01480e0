// Training the units' IT backbone (docs/contract/training.md): the backbone people, trainings and
// their rosters, sign-in, closing and report-backs. Writes re-read the caller's reach under lock
// (actingNow) and write their audit row in the same transaction.
import type { DbOrTx } from '../../../db/client.js';
import { appendAudit } from '../../../db/queries/audit.js';
import { readSettings, rulesForArea } from '../../../db/queries/settings.js';
import * as q from '../../../db/queries/training.js';
import { today as todayIn } from '../../../shared/domain/dates.js';
import { acceptsSignIn, reportBackDue, trainingStatus } from '../../../shared/domain/training.js';
import type { Attendance, Backbones, CreateTraining, MarkAttendance, NameBackbone, PatchTraining, RosterItem, SignIn, Training } from '../../../shared/schemas/training.js';
import { DEFAULT_REPORT_BACK_DAYS } from '../../../shared/schemas/settings.js';
import { actingNow, type Actor } from '../../lib/actor.js';
import { fail, isUuid } from '../../lib/errors.js';
import { unitOutOfReach } from '../../lib/unit-reach.js';
import { checkNotLimited, codeIsValid, currentCode, newSecret, noteFailure } from './training.codes.js';

const notFound = () => fail.notFound('training');

// ——— backbone people ———

const backboneOut = (b: q.BackboneRow) => ({ id: b.id, unitId: b.unitId, kind: b.kind, name: b.name, post: b.post, phone: b.phone, since: b.since, endedAt: b.endedAt });

export async function getBackbones(db: DbOrTx, actor: Actor, unitId: string): Promise<Backbones> {
  if (!isUuid(unitId) || !(await q.unitInReachById(db, actor.reach, unitId))) throw unitOutOfReach(actor, unitId);
  const rows = await q.backbonesOf(db, unitId);
  const current = (kind: 'primary' | 'deputy') => rows.find((b) => b.kind === kind && !b.endedAt);
  const primary = current('primary');
  const deputy = current('deputy');
  return {
    current: { ...(primary ? { primary: backboneOut(primary) } : {}), ...(deputy ? { deputy: backboneOut(deputy) } : {}) },
    history: rows.filter((b) => b.endedAt).map(backboneOut),
  };
}

export async function nameBackbone(db: DbOrTx, actor: Actor, unitId: string, body: NameBackbone) {
  if (!isUuid(unitId)) throw unitOutOfReach(actor, unitId);
  const tz = (await readSettings(db)).timezone;
  return db.transaction(async (tx) => {
    const me = await actingNow(tx, actor);
    const unit = await q.unitInReachById(tx, me.reach, unitId, true);
    if (!unit) throw unitOutOfReach(me, unitId);
    const since = body.since ?? todayIn(tz);
    const { backbone, ended } = await q.nameBackbone(tx, { unitId, kind: body.kind, name: body.name, post: body.post || null, phone: body.phone || null, since, by: me.id });
    if (ended && ended.since > since) throw fail.validation('invalid body: since is before the current term began', [{ field: 'since', message: `须不早于现任开始日期 ${ended.since}` }]);
    await appendAudit(tx, me, { action: 'backbone.name', target: unitId, details: { kind: body.kind, name: body.name, post: body.post ?? null, ended: ended ? { name: ended.name, since: ended.since } : null } });
    return { backbone: backboneOut(backbone) };
  });
}

// ——— trainings ———

function trainingOut(t: q.TrainingRow, counts: Training['counts'] | undefined, now = new Date()): Training {
  return {
    id: t.id,
    title: t.title,
    topics: t.topics as Training['topics'],
    organiser: t.organiser,
    trainer: t.trainer,
    venue: t.venue,
    startsAt: t.startsAt.toISOString(),
    endsAt: t.endsAt.toISOString(),
    areaCode: t.areaCode,
    status: trainingStatus(t, now),
    counts: counts ?? { enrolled: 0, attended: 0, absent: 0, excused: 0, invited: 0, reportedBack: 0 },
  };
}

async function withCounts(db: DbOrTx, rows: q.TrainingRow[]): Promise<Training[]> {
  const counts = await q.countsOf(db, rows.map((r) => r.id));
  return rows.map((r) => trainingOut(r, counts.get(r.id)));
}

/** The training through the caller's reach (none: 404), locked inside a write. */
export async function reachable(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<q.TrainingRow> {
  if (!isUuid(id)) throw notFound();
  const [found] = await q.trainingIdsInReach(db, actor.reach, { id, lock });
  const row = found ? await q.trainingById(db, found) : undefined;
  if (!row) throw notFound();
  return row;
}

export async function createTraining(db: DbOrTx, actor: Actor, body: CreateTraining): Promise<Training> {
  return db.transaction(async (tx) => {
    const me = await actingNow(tx, actor);
    const area = me.scope;
    const { ids, named } = await q.unitsToEnrol(tx, area, body.required);
    if (named < new Set(body.required.unitIds ?? []).size) {
      throw fail.validation('invalid body: required.unitIds names units outside your scope or unknown', [{ field: 'required.unitIds', message: '包含不在本辖区或不存在的单位' }]);
    }
    if (ids.length === 0) throw fail.validation('invalid body: no unit must attend', [{ field: 'required', message: '所选范围内没有单位' }]);
    const row = await q.insertTraining(
      tx,
      {
        title: body.title,
        topics: body.topics,
        organiser: body.organiser,
        trainer: body.trainer || null,
        venue: body.venue,
        startsAt: new Date(body.startsAt),
        endsAt: new Date(body.endsAt),
        areaCode: area,
        required: body.required,
        signSecret: newSecret(),
        createdBy: me.id,
      },
      ids,
    );
    await appendAudit(tx, me, { action: 'training.create', target: row.id, details: { title: body.title, enrolled: ids.length } });
    return (await withCounts(tx, [row]))[0]!;
  });
}

export async function listTrainings(db: DbOrTx, actor: Actor, query: { area?: string; status?: Training['status'] }): Promise<{ items: Training[] }> {
  const ids = await q.trainingIdsInReach(db, actor.reach, { area: query.area ?? null });
  const items = await withCounts(db, await q.trainingsByIds(db, ids));
  return { items: query.status ? items.filter((t) => t.status === query.status) : items };
}

export async function getTraining(db: DbOrTx, actor: Actor, id: string): Promise<Training> {
  return (await withCounts(db, [await reachable(db, actor, id)]))[0]!;
}

export async function patchTraining(db: DbOrTx, actor: Actor, id: string, body: PatchTraining): Promise<Training> {
  return db.transaction(async (tx) => {
    const me = await actingNow(tx, actor);
    const t = await reachable(tx, me, id, true);
    if (t.closedAt) throw fail.conflict('培训已结束，不能再修改。', { reason: 'training_closed' });
    const startsAt = body.startsAt ? new Date(body.startsAt) : t.startsAt;
    const endsAt = body.endsAt ? new Date(body.endsAt) : t.endsAt;
    if (endsAt <= startsAt) throw fail.validation('invalid body: endsAt must be after startsAt', [{ field: 'endsAt', message: '结束时间须晚于开始时间' }]);
    // the dates carry the sign-in window and every report-back's due date: once a unit's attendance
    // stands on them, moving them would silently move what was recorded (sign-ins hold the row shared)
    const moved = startsAt.getTime() !== t.startsAt.getTime() || endsAt.getTime() !== t.endsAt.getTime();
    if (moved && (await q.attendanceRecorded(tx, id))) {
      throw fail.conflict('已有单位的签到情况被登记，培训的开始和结束时间不能再改（汇报期限和签到时段都以它们为准）；名称、地点、授课人等仍可修改。', { reason: 'dates_fixed' });
    }
    await q.updateTraining(tx, id, { ...body, trainer: body.trainer === undefined ? t.trainer : body.trainer || null, startsAt, endsAt });
    await appendAudit(tx, me, { action: 'training.update', target: id, details: { changed: Object.keys(body) } });
    return (await withCounts(tx, [(await q.trainingById(tx, id))!]))[0]!;
  });
}

// ——— the roster and attendance ———

const attendanceOut = (a: { status: Attendance['status']; attendee: string | null; method: Attendance['method']; at: Date | number | null; byName: string | null; reason: string | null }): Attendance => ({
  status: a.status,
  attendee: a.attendee,
  method: a.method ?? null,
  at: a.at === null ? null : new Date(a.at).toISOString(),
  by: a.byName,
  reason: a.reason,
});

export async function roster(db: DbOrTx, actor: Actor, id: string): Promise<{ items: RosterItem[] }> {
  const t = await reachable(db, actor, id);
  const tz = (await readSettings(db)).timezone;
  // a unit's contact sees its own unit's row only
  const rows = await q.rosterOf(db, id, actor.reach.role === 'unit' ? (actor.reach.unitId ?? undefined) : undefined);
  const days = (await rulesForArea(db, t.areaCode && t.areaCode.length === 6 ? t.areaCode : null)).reportBackDays ?? DEFAULT_REPORT_BACK_DAYS;
  const dueOn = reportBackDue(t.endsAt, tz, days);
  return {
    items: rows.map((r) => ({
      unit: { id: r.unit_id, code: r.code, name: r.name, kind: r.kind },
      attendance: attendanceOut({ status: r.status, attendee: r.attendee, method: r.method, at: r.at_ms, byName: r.by_name, reason: r.reason }),
      ...(r.status === 'attended'
        ? { reportBack: { status: r.rb_status, dueOn, ...(r.rb_id ? { id: r.rb_id, reportedOn: r.rb_reported_on!, returnReason: r.rb_return_reason } : {}) } }
        : {}),
    })),
  };
}

export async function markAttendance(db: DbOrTx, actor: Actor, id: string, body: MarkAttendance): Promise<{ attendance: Attendance }> {
  return db.transaction(async (tx) => {
    const me = await actingNow(tx, actor);
    const t = await reachable(tx, me, id, true);
    if (!isUuid(body.unitId)) throw fail.notFound('enrolled unit');
    const current = await q.attendanceFor(tx, id, body.unitId);
    if (!current) throw fail.notFound('enrolled unit');
    // the outbox may send the same mark again after a lost answer: it is recorded once
    if (body.clientEventId && !(await q.claimClientEvent(tx, body.clientEventId, id, body.unitId))) return { attendance: attendanceOut(current) };
    // the row changed since the office saw it (a phone signed in while the mark waited offline): the
    // mark is refused, not applied over it; the same status again is no conflict
    if (body.expectedStatus && current.status !== body.expectedStatus && current.status !== body.status) {
      throw fail.conflict('标记期间该单位的签到情况已有变化，本次标记未保存；请刷新名单核对后重新标记。', { reason: 'attendance_changed', status: current.status });
    }
    if (t.closedAt && !body.reason) throw fail.validation('invalid body: after closing a change needs a reason', [{ field: 'reason', message: '培训已结束，修改签到情况须写明原因' }]);
    if (body.status === 'excused' && !body.reason) throw fail.validation('invalid body: an excused unit needs a reason', [{ field: 'reason', message: '请假须写明原因' }]);
    const row = await q.writeAttendance(tx, id, body.unitId, {
      status: body.status,
      attendee: body.attendee || (body.status === 'attended' ? current.attendee : null),
      method: body.method ?? 'office',
      at: new Date(),
      byId: me.id,
      byName: me.displayName,
      reason: body.reason || null,
    });
    await appendAudit(tx, me, { action: 'training.attendance', target: `unit:${body.unitId}`, details: { trainingId: id, title: t.title, before: current.status, after: body.status, reason: body.reason ?? null, closed: Boolean(t.closedAt) } });
    return { attendance: attendanceOut(row) };
  });
}

export async function closeTraining(db: DbOrTx, actor: Actor, id: string): Promise<Training> {
  return db.transaction(async (tx) => {
    const me = await actingNow(tx, actor);
    const t = await reachable(tx, me, id, true);
    if (t.closedAt) throw fail.conflict('the training is closed already');
    const absent = await q.closeTraining(tx, id, new Date(), { id: me.id, name: me.displayName });
    await appendAudit(tx, me, { action: 'training.close', target: id, details: { title: t.title, markedAbsent: absent } });
    return (await withCounts(tx, [(await q.trainingById(tx, id))!]))[0]!;
  });
}

// ——— sign-in ———

export async function signInCode(db: DbOrTx, actor: Actor, id: string, now = new Date()) {
  const t = await reachable(db, actor, id);
  if (!acceptsSignIn(t, now)) throw fail.conflict('the training does not take sign-ins now');
  const { code, expiresAt } = currentCode(t.signSecret, t.id, now);
  return { code, expiresAt: expiresAt.toISOString() };
}

/** The public page's facts: only inside the sign-in window (outside it the training says nothing). */
export async function signInPage(db: DbOrTx, id: string, now = new Date()) {
  const t = isUuid(id) ? await q.trainingById(db, id) : undefined;
  if (!t) throw notFound();
  if (!acceptsSignIn(t, now)) throw fail.conflict('the training does not take sign-ins now');
  return { training: { id: t.id, title: t.title, venue: t.venue, startsAt: t.startsAt.toISOString(), endsAt: t.endsAt.toISOString() }, units: await q.enrolledNames(db, id) };
}

/**
 * Sign-in by code, no session needed; a unit's contact's session signs in its own unit with the
 * code alone. The code is checked before the unit, so a wrong code tells nothing about which
 * units are enrolled; the same unit twice keeps the first.
 */
export async function signIn(db: DbOrTx, who: { ip: string; actor: Actor | null }, id: string, body: SignIn, now = new Date()): Promise<{ attendance: Attendance }> {
  checkNotLimited(who.ip, now);
  const t = isUuid(id) ? await q.trainingById(db, id) : undefined;
  if (!t) throw notFound();
  if (!acceptsSignIn(t, now)) throw fail.conflict('the training does not take sign-ins now');
  if (!codeIsValid(t.signSecret, t.id, body.code, now)) {
    noteFailure(who.ip, now);
    throw fail.validation('invalid body: the code is wrong or expired', [{ field: 'code', message: '签到码错误或已过期，请看大屏上的最新签到码' }]);
  }
  const contact = who.actor?.role === 'unit' ? who.actor : null;
  const unitId = body.unitId ?? contact?.unitId ?? null;
  if (!unitId) throw fail.validation('invalid body: choose the unit', [{ field: 'unitId', message: '请选择单位' }]);
  const attendee = body.attendee ?? (contact && contact.unitId === unitId ? contact.displayName : undefined);
  if (!attendee) throw fail.validation('invalid body: type the attendee\'s name', [{ field: 'attendee', message: '请填写参训人姓名' }]);
  return db.transaction(async (tx) => {
    // held shared until the end: closing or moving the training's dates waits for this sign-in
    const locked = await q.trainingById(tx, id, 'share');
    if (!locked || !acceptsSignIn(locked, now)) throw fail.conflict('the training does not take sign-ins now');
    const current = isUuid(unitId) ? await q.attendanceFor(tx, id, unitId) : undefined;
    if (!current) throw fail.notFound('enrolled unit');
    // the first record stands; an anonymous caller learns who signed in, never an office's name or reason
    if (current.status === 'attended') return { attendance: { ...attendanceOut(current), by: current.method === 'code' || current.method === 'contact' ? current.byName : null, reason: null } };
    // the office's 缺席/请假 is not the caller's to undo, nor which one it was to know
    if (current.status !== 'invited') throw fail.conflict('该单位的签到情况已由培训组织方登记，不能再签到；如有疑问，请联系现场工作人员。', { reason: 'attendance_recorded' });
    const byContact = contact !== null && contact.unitId === unitId;
    const row = await q.writeAttendance(tx, id, unitId, { status: 'attended', attendee, method: byContact ? 'contact' : 'code', at: now, byId: byContact ? contact.id : null, byName: attendee, reason: null });
    await appendAudit(tx, { id: byContact ? contact.id : null, username: byContact ? contact.username : null, role: byContact ? 'unit' : null, ip: who.ip }, {
      action: 'training.sign_in',
      target: `unit:${unitId}`,
      details: { trainingId: id, title: t.title, attendee, method: row.method },
    });
    return { attendance: attendanceOut(row) };
  });
}

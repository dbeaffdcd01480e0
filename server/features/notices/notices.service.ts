// Urging notices (催办, docs/contract/areas.md): issue to one laggard or to every laggard the board's
// filters select, answer (the unit's own contact), withdraw (the office). The flags are a
// snapshot of the moment of issue, computed by the same SQL as the laggard board.
import type { DbOrTx } from '../../../db/client.js';
import { appendAudit } from '../../../db/queries/audit.js';
import * as repo from '../../../db/queries/notices.js';
import { readSettings } from '../../../db/queries/settings.js';
import { today as todayIn } from '../../../shared/domain/dates.js';
import { MAX_BATCH, mayUrgeArea } from '../../../shared/domain/notices.js';
import { narrowTo } from '../../../shared/domain/areas.js';
import type { BatchSkipped, IssueBatch, IssueNotice, Notice, NoticeListQuery } from '../../../shared/schemas/notices.js';
import { actingNow, type Actor } from '../../lib/actor.js';
import { fail, isUuid } from '../../lib/errors.js';
import { allLaggards, reportArea, reportContext, toLaggardItem, type ReportContext } from '../../lib/reports.js';
import { issueAreaBatch } from './notices.areas.js';
import { draftNotice, heldBack, issuerOf, numberOf, respondByOf, skipOf, toNotice, wholesOf, yearOf } from './notices.shape.js';

const notFound = () => fail.notFound('notice');
/** What an audit row of a notice is about: the unit's id, or "area:<code>" for a 督办. */
const targetOf = (r: repo.NoticeRow) => (r.targetArea ? `area:${r.targetArea}` : r.unitId);

const issuedAudit = (rows: repo.NoticeRow[]) =>
  rows.map((r) => ({ action: 'notice.issue' as const, target: r.unitId, details: { noticeId: r.id, number: numberOf(r), flags: r.flags.map((f) => f.category), respondBy: r.respondBy, batchId: r.batchId } }));

export async function issueToUnit(db: DbOrTx, actor: Actor, unitId: string, body: IssueNotice, now = new Date()): Promise<Notice> {
  if (!isUuid(unitId)) throw fail.notFound('unit');
  return db.transaction(async (tx) => {
    actor = await actingNow(tx, actor);
    await repo.lockIssuing(tx);
    if (!(await repo.unitReached(tx, actor.reach, unitId))) throw fail.notFound('unit');
    const ctx = await reportContext(tx, undefined, now);
    const respondBy = respondByOf(body, ctx);
    const [row] = await allLaggards(tx, ctx, { unitId });
    if (!row) throw fail.conflict('the unit is not a laggard today: there is nothing to urge', { reason: 'not_lagging' });
    const earlier = await repo.openNoticeOn(tx, unitId, ctx.asOf);
    if (earlier) throw fail.conflict(`the unit was urged today already (${numberOf(earlier)})`, { reason: 'already_urged', noticeId: earlier.id });
    const issuer = await issuerOf(tx, actor, null);
    const [created] = await repo.insertNotices(tx, issuer, yearOf(ctx), [draftNotice({ unit: toLaggardItem(row) }, { ctx, actor, respondBy, note: body.note, batchId: null, at: now })]);
    await appendAudit(tx, actor, issuedAudit([created]));
    return toNotice(created, ctx.asOf, await wholesOf(tx, [created]));
  });
}

/**
 * Why each unit of `rows` would be left out of a batch today (shared/domain/notices.ts
 * batchSkipReason), with the notice that holds it back; units not listed are urged.
 */
async function skipsOf(tx: DbOrTx, rows: { id: string; code: string; name: string }[], ctx: ReportContext): Promise<Map<string, BatchSkipped>> {
  const byUnit = new Map<string, Awaited<ReturnType<typeof heldBack>>>();
  for (const n of await heldBack(tx, ctx)) if (n.unitId) byUnit.set(n.unitId, [...(byUnit.get(n.unitId) ?? []), n]);
  const out = new Map<string, BatchSkipped>();
  for (const r of rows) {
    const skip = skipOf(byUnit.get(r.id) ?? [], ctx);
    if (skip) out.set(r.id, { unitId: r.id, areaCode: null, unit: { code: r.code, name: r.name }, ...skip });
  }
  return out;
}

/**
 * Every laggard of the board's filters today, all or nothing. Units already urged today, with a
 * notice still waiting for its answer, or withdrawn recently are left out and listed with the
 * reason, unless the office names them in `include`. `expected` is the count the office
 * confirmed: when the board has changed since, nothing is issued (409) so that it can confirm again.
 */
export async function issueBatch(db: DbOrTx, actor: Actor, body: IssueBatch, opts: { dryRun?: boolean } = {}, now = new Date()) {
  return db.transaction(async (tx) => {
    actor = await actingNow(tx, actor);
    await repo.lockIssuing(tx);
    const ctx = await reportContext(tx, undefined, now);
    const respondBy = respondByOf(body, ctx);
    if (body.target === 'areas') return issueAreaBatch(tx, actor, body, ctx, respondBy, opts.dryRun ?? false, now);
    const { respondBy: _r, note, expected, include, target: _t, parent: _p, ...filter } = body;
    // the laggards inside the caller's scope only, narrowed to the board's area when it names one
    // (as the board itself narrows it); outside the scope the area names nothing: 404
    const area = await reportArea(tx, actor, filter.area);
    const rows = await allLaggards(tx, ctx, { ...filter, area: area?.code ?? null });
    const skips = await skipsOf(tx, rows, ctx);
    const chosen = new Set(include ?? []);
    const eligible = rows.filter((r) => !skips.has(r.id) || chosen.has(r.id));
    const skipped = [...skips.values()].filter((s) => !chosen.has(s.unitId ?? ''));
    if (eligible.length > MAX_BATCH) {
      throw fail.validation(`a batch takes at most ${MAX_BATCH} notices`, [{ field: 'body', message: `一次最多发出 ${MAX_BATCH} 份催办通知，请缩小筛选范围（本次 ${eligible.length} 个单位）` }]);
    }
    if (opts.dryRun) return { created: 0, willCreate: eligible.length, skipped, batchId: null, items: [] };
    if (expected !== undefined && expected !== eligible.length) {
      throw fail.conflict(`the board has changed: ${eligible.length} units now, ${expected} confirmed`, { reason: 'count_changed', count: eligible.length, skipped: skipped.length });
    }
    const batchId = eligible.length ? crypto.randomUUID() : null;
    const issuer = await issuerOf(tx, actor, area?.code ?? null);
    const created = await repo.insertNotices(tx, issuer, yearOf(ctx), eligible.map((r) => draftNotice({ unit: toLaggardItem(r) }, { ctx, actor, respondBy, note, batchId, at: now })));
    await appendAudit(tx, actor, issuedAudit(created));
    const wholes = await wholesOf(tx, created);
    return { created: created.length, willCreate: created.length, skipped, batchId, items: created.map((r) => toNotice(r, ctx.asOf, wholes)) };
  });
}

const campaignToday = async (db: DbOrTx, now = new Date()) => todayIn((await readSettings(db)).timezone, now);

/**
 * A notice as the actor sees it: a unit's contact, its own unit's only; an office or viewer those
 * of the units inside its scope (where the unit is now). Any other notice does not exist for it.
 */
const noticeFor = async (db: DbOrTx, actor: Actor, id: string) => (isUuid(id) ? repo.findNotice(db, actor.reach, id) : undefined);

export async function getNotice(db: DbOrTx, actor: Actor, id: string): Promise<Notice> {
  const row = await noticeFor(db, actor, id);
  if (!row) throw notFound();
  return toNotice(row, await campaignToday(db), await wholesOf(db, [row]));
}

export async function listNotices(db: DbOrTx, actor: Actor, q: NoticeListQuery) {
  const day = await campaignToday(db);
  const empty = { items: [], total: 0, page: q.page, pageSize: q.pageSize, counts: { open: 0, answered: 0, overdue: 0, withdrawn: 0 } };
  if (actor.role === 'unit') {
    if (q.unitId && q.unitId !== actor.unitId) return empty;
    q = { ...q, unitId: actor.unitId ?? undefined };
    if (!actor.unitId) return empty;
  }
  const area = actor.role === 'unit' ? { ok: true as const, area: null } : narrowTo(actor.scope, q.area);
  if (!area.ok) throw fail.notFound('area');
  if ((q.unitId && !isUuid(q.unitId)) || (q.batchId && !isUuid(q.batchId))) return empty;
  const { rows, total, counts } = await repo.listNotices(db, actor.reach, q, day, area.area);
  const wholes = await wholesOf(db, rows);
  return { items: rows.map((r) => toNotice(r, day, wholes)), total, page: q.page, pageSize: q.pageSize, counts };
}

export async function answer(db: DbOrTx, actor: Actor, id: string, text: string, now = new Date()): Promise<Notice> {
  return db.transaction(async (tx) => {
    actor = await actingNow(tx, actor);
    // a unit's notice is answered by the unit's own contact (for anyone else but an office it
    // does not exist); a 督办 by the urged area's own office, not by those above it
    const row = actor.role === 'unit' || actor.role === 'office' ? await noticeFor(tx, actor, id) : undefined;
    if (!row) throw notFound();
    if (actor.role === 'office' && (!row.targetArea || row.targetArea !== actor.scope)) {
      throw fail.forbidden(row.targetArea ? '督办通知由被督办地区的办公室答复' : '催办通知由单位联络员答复');
    }
    if (row.withdrawnAt) throw fail.conflict('the notice was withdrawn', { reason: 'withdrawn' });
    const done = await repo.answerNotice(tx, row.id, actor, text, now);
    if (!done) throw fail.conflict('the notice was answered already', { reason: 'answered' });
    await appendAudit(tx, actor, [{ action: 'notice.answer', target: targetOf(done), details: { noticeId: done.id, number: numberOf(done) } }]);
    return toNotice(done, await campaignToday(tx, now), await wholesOf(tx, [done]));
  });
}

export async function withdraw(db: DbOrTx, actor: Actor, id: string, reason: string, now = new Date()): Promise<Notice> {
  return db.transaction(async (tx) => {
    actor = await actingNow(tx, actor);
    const row = await noticeFor(tx, actor, id);
    if (!row) throw notFound();
    // a 督办 is withdrawn by an office above the area, never by the area's own
    if (row.targetArea && !mayUrgeArea(actor.scope, row.targetArea)) throw fail.forbidden('督办通知只能由发出督办的上级办公室撤回');
    // a notice holds the answer or the withdrawal, never both (the trigger refuses it too)
    const answered = () => fail.conflict('该催办已答复，不能撤回', { reason: 'answered_not_withdrawable' });
    if (row.answeredAt) throw answered();
    const done = await repo.withdrawNotice(tx, row.id, actor, reason, now);
    if (!done) {
      // answered or withdrawn meanwhile: say which
      if ((await noticeFor(tx, actor, id))?.answeredAt) throw answered();
      throw fail.conflict('the notice was withdrawn already', { reason: 'withdrawn' });
    }
    await appendAudit(tx, actor, [{ action: 'notice.withdraw', target: targetOf(done), details: { noticeId: done.id, number: numberOf(done), reason } }]);
    return toNotice(done, await campaignToday(tx, now), await wholesOf(tx, [done]));
  });
}

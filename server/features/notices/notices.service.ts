// Urging notices (催办, docs/contract/areas.md): issue to one laggard or to every laggard the board's
// filters select, answer (the unit's own contact), withdraw (the office). The flags are a
// snapshot of the moment of issue, computed by the same SQL as the laggard board.
import type { DbOrTx } from '../../../db/client.js';
import { appendAudit } from '../../../db/queries/audit.js';
import * as repo from '../../../db/queries/notices.js';
import { readSettings } from '../../../db/queries/settings.js';
import { addDays, today as todayIn } from '../../../shared/domain/dates.js';
import { defaultRespondBy, MAX_BATCH, MAX_RESPOND_DAYS, noticeNumber, noticeStatus } from '../../../shared/domain/notices.js';
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings.js';
import { narrowTo } from '../../../shared/domain/areas.js';
import type { IssueBatch, IssueNotice, Notice, NoticeListQuery } from '../../../shared/schemas/notices.js';
import { actingNow, type Actor } from '../../lib/actor.js';
import { fail, isUuid } from '../../lib/errors.js';
import { allLaggards, reportArea, reportContext, toLaggardItem, type ReportContext } from '../../lib/reports.js';
import { iso } from '../../lib/time.js';
import { issuerVoice } from '../../lib/voice.js';
import { findAreas } from '../../../db/queries/areas.js';
import { installationVoice, kindWord } from '../../../shared/domain/voice.js';

const notFound = () => fail.notFound('notice');

/** The number as printed; a row without one (written by a tool that predates 0019) has the installation-wide number it had. */
const numberOf = (r: repo.NoticeRow) => r.number ?? noticeNumber(r.year, r.seq);

/** How each issuing area speaks of itself (全区), read once for a page of notices: code → 全X. */
type Wholes = ReadonlyMap<string, string>;

async function wholesOf(db: DbOrTx, rows: readonly repo.NoticeRow[]): Promise<Wholes> {
  const codes = [...new Set(rows.map((r) => r.issuerCode).filter(Boolean))];
  return new Map((await findAreas(db, codes)).map((a) => [a.code, `全${kindWord(a)}`]));
}

export const toNotice = (r: repo.NoticeRow, today: string, wholes: Wholes = new Map()): Notice => ({
  id: r.id,
  number: numberOf(r),
  issuer: { areaCode: r.issuerCode || null, signingOffice: r.issuerOffice ?? DEFAULT_SETTINGS.signingOffice!, whole: wholes.get(r.issuerCode) ?? installationVoice('').whole },
  year: r.year,
  seq: r.seq,
  unitId: r.unitId,
  unit: { code: r.unitCode, name: r.unitName },
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

function respondByOf(body: { respondBy?: string }, ctx: ReportContext): string {
  const day = body.respondBy ?? defaultRespondBy(ctx.asOf);
  const field = 'body.respondBy';
  if (day < ctx.asOf) throw fail.validation('respondBy is before today', [{ field, message: '答复期限不能早于今天' }]);
  if (day > addDays(ctx.asOf, MAX_RESPOND_DAYS)) {
    throw fail.validation(`respondBy is more than ${MAX_RESPOND_DAYS} days ahead`, [{ field, message: `答复期限最多为 ${MAX_RESPOND_DAYS} 天以后` }]);
  }
  return day;
}

function draft(item: ReturnType<typeof toLaggardItem>, ctx: ReportContext, actor: Actor, respondBy: string, note: string | undefined, batchId: string | null, at: Date): repo.NewNotice {
  return {
    unitId: item.unit.id,
    unitCode: item.unit.code,
    unitName: item.unit.name,
    flags: item.flags,
    severity: item.severity,
    issuedOn: ctx.asOf,
    respondBy,
    note: note || null,
    issuedAt: at,
    issuedBy: actor.id,
    issuedByName: actor.displayName,
    batchId,
  };
}

const issuedAudit = (rows: repo.NoticeRow[]) =>
  rows.map((r) => ({ action: 'notice.issue', target: r.unitId, details: { noticeId: r.id, number: numberOf(r), flags: r.flags.map((f) => f.category), respondBy: r.respondBy, batchId: r.batchId } }));

/**
 * The notice's issuer: the issuing office's area (docs/contract/areas.md "Each level's voice"),
 * numbered in that area's own sequence; '' when the installation speaks for itself.
 */
async function issuerOf(tx: DbOrTx, actor: Actor, covered: string | null): Promise<repo.Issuer> {
  const voice = await issuerVoice(tx, actor, covered);
  return { code: voice.areaCode ?? '', office: voice.signingOffice, docPrefix: voice.docPrefix };
}

/** The year of the day of issue in the campaign's time zone: the sequences start again at its new year. */
const yearOf = (ctx: ReportContext) => Number(ctx.asOf.slice(0, 4));

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
    const [created] = await repo.insertNotices(tx, issuer, yearOf(ctx), [draft(toLaggardItem(row), ctx, actor, respondBy, body.note, null, now)]);
    await appendAudit(tx, actor, issuedAudit([created]));
    return toNotice(created, ctx.asOf, await wholesOf(tx, [created]));
  });
}

/**
 * Every laggard of the board's filters today, all or nothing. Units already urged today (and
 * not yet answering) are left out and counted. `expected` is the count the office confirmed:
 * when the board has changed since, nothing is issued (409) so that it can confirm again.
 */
export async function issueBatch(db: DbOrTx, actor: Actor, body: IssueBatch, opts: { dryRun?: boolean } = {}, now = new Date()) {
  return db.transaction(async (tx) => {
    actor = await actingNow(tx, actor);
    await repo.lockIssuing(tx);
    const ctx = await reportContext(tx, undefined, now);
    const respondBy = respondByOf(body, ctx);
    const { respondBy: _r, note, expected, ...filter } = body;
    // the laggards inside the caller's scope only, narrowed to the board's area when it names one
    // (as the board itself narrows it); outside the scope the area names nothing: 404
    const area = await reportArea(tx, actor, filter.area);
    const urged = await repo.unitsUrgedOn(tx, ctx.asOf);
    const rows = await allLaggards(tx, ctx, { ...filter, area: area?.code ?? null });
    const eligible = rows.filter((r) => !urged.has(r.id));
    const skipped = rows.length - eligible.length;
    if (eligible.length > MAX_BATCH) {
      throw fail.validation(`a batch takes at most ${MAX_BATCH} notices`, [{ field: 'body', message: `一次最多发出 ${MAX_BATCH} 份催办通知，请缩小筛选范围（本次 ${eligible.length} 个单位）` }]);
    }
    if (opts.dryRun) return { created: eligible.length, skipped, batchId: null, items: [] };
    if (expected !== undefined && expected !== eligible.length) {
      throw fail.conflict(`the board has changed: ${eligible.length} units now, ${expected} confirmed`, { reason: 'count_changed', count: eligible.length, skipped });
    }
    const batchId = eligible.length ? crypto.randomUUID() : null;
    const issuer = await issuerOf(tx, actor, area?.code ?? null);
    const created = await repo.insertNotices(tx, issuer, yearOf(ctx), eligible.map((r) => draft(toLaggardItem(r), ctx, actor, respondBy, note, batchId, now)));
    await appendAudit(tx, actor, issuedAudit(created));
    const wholes = await wholesOf(tx, created);
    return { created: created.length, skipped, batchId, items: created.map((r) => toNotice(r, ctx.asOf, wholes)) };
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
    // only the unit's own contact answers: for anyone else the notice does not exist
    const row = actor.role === 'unit' ? await noticeFor(tx, actor, id) : undefined;
    if (!row) throw notFound();
    if (row.withdrawnAt) throw fail.conflict('the notice was withdrawn', { reason: 'withdrawn' });
    const done = await repo.answerNotice(tx, row.id, actor, text, now);
    if (!done) throw fail.conflict('the notice was answered already', { reason: 'answered' });
    await appendAudit(tx, actor, [{ action: 'notice.answer', target: done.unitId, details: { noticeId: done.id, number: numberOf(done) } }]);
    return toNotice(done, await campaignToday(tx, now), await wholesOf(tx, [done]));
  });
}

export async function withdraw(db: DbOrTx, actor: Actor, id: string, reason: string, now = new Date()): Promise<Notice> {
  return db.transaction(async (tx) => {
    actor = await actingNow(tx, actor);
    const row = await noticeFor(tx, actor, id);
    if (!row) throw notFound();
    // a notice holds the answer or the withdrawal, never both (the trigger refuses it too)
    const answered = () => fail.conflict('该催办已答复，不能撤回', { reason: 'answered_not_withdrawable' });
    if (row.answeredAt) throw answered();
    const done = await repo.withdrawNotice(tx, row.id, actor, reason, now);
    if (!done) {
      // answered or withdrawn meanwhile: say which
      if ((await noticeFor(tx, actor, id))?.answeredAt) throw answered();
      throw fail.conflict('the notice was withdrawn already', { reason: 'withdrawn' });
    }
    await appendAudit(tx, actor, [{ action: 'notice.withdraw', target: done.unitId, details: { noticeId: done.id, number: numberOf(done), reason } }]);
    return toNotice(done, await campaignToday(tx, now), await wholesOf(tx, [done]));
  });
}

// 督办 up the tree (docs/contract/areas.md "Each level's voice"): a city's or province's office
// urges an AREA below it. The notice records the area's roll-up figures and its worst units at
// the moment of issue, is seen by that area's offices and those above, and is answered by the
// area's own office.
import type { DbOrTx } from '../../../db/client.js';
import { childAreas } from '../../../db/queries/areas.js';
import { appendAudit } from '../../../db/queries/audit.js';
import * as repo from '../../../db/queries/notices.js';
import { MAX_BATCH, mayUrgeArea, SNAPSHOT_WORST, type AreaSnapshot } from '../../../shared/domain/notices.js';
import { onboardedShare } from '../../../shared/domain/rollup.js';
import type { Area } from '../../../shared/schemas/areas.js';
import type { BatchSkipped, IssueBatch, IssueNotice, Notice } from '../../../shared/schemas/notices.js';
import { actingNow, type Actor } from '../../lib/actor.js';
import { fail } from '../../lib/errors.js';
import { areaReports, reportArea, reportContext, type ReportContext } from '../../lib/reports.js';
import { draftNotice, heldBack, issuerOf, numberOf, respondByOf, skipOf, toNotice, wholesOf, yearOf } from './notices.shape.js';

/** The area's roll-up row and its worst units as of today, or null when it has no laggard. */
async function snapshotOf(tx: DbOrTx, area: string, now: Date): Promise<AreaSnapshot | null> {
  const { summary, laggards } = await areaReports(tx, area, { pageSize: SNAPSHOT_WORST }, now);
  if (summary.laggards === 0) return null;
  const byCategory = Object.fromEntries(Object.entries(summary.byCategory).filter(([, n]) => n > 0));
  return {
    row: { totalUnits: summary.totalUnits, onboarded: summary.onboarded, onboardedShare: onboardedShare(summary), laggards: summary.laggards, byCategory },
    worst: laggards.items.map((l) => ({ unit: { id: l.unit.id, code: l.unit.code, name: l.unit.name }, flags: l.flags, severity: l.severity })),
  };
}

const issuedAudit = (rows: repo.NoticeRow[]) =>
  rows.map((r) => ({ action: 'notice.issue' as const, target: r.targetArea, details: { noticeId: r.id, number: numberOf(r), area: r.targetArea, laggards: r.snapshot?.row.laggards, respondBy: r.respondBy, batchId: r.batchId } }));

/**
 * The area as the caller may press it: outside its scope, or naming nothing, 404 (as an area it
 * cannot see); its own area or one above, 403 (an office does not press itself).
 */
async function urgeableArea(tx: DbOrTx, actor: Actor, code: string): Promise<Area> {
  const area = await reportArea(tx, actor, code);
  if (!area) throw fail.notFound('area');
  if (!mayUrgeArea(actor.scope, area.code)) throw fail.forbidden('只能督办本辖区下级地区');
  return area;
}

/** POST /api/areas/:code/notices: one 督办 to an area below the caller's scope that has laggards. */
export async function issueToArea(db: DbOrTx, actor: Actor, code: string, body: IssueNotice, now = new Date()): Promise<Notice> {
  return db.transaction(async (tx) => {
    actor = await actingNow(tx, actor);
    await repo.lockIssuing(tx);
    const area = await urgeableArea(tx, actor, code);
    const ctx = await reportContext(tx, undefined, now);
    const respondBy = respondByOf(body, ctx);
    const snapshot = await snapshotOf(tx, area.code, now);
    if (!snapshot) throw fail.conflict('the area has no laggard today: there is nothing to urge', { reason: 'not_lagging' });
    const earlier = await repo.openAreaNoticeOn(tx, area.code, ctx.asOf);
    if (earlier) throw fail.conflict(`the area was urged today already (${numberOf(earlier)})`, { reason: 'already_urged', noticeId: earlier.id });
    const [created] = await repo.insertNotices(tx, await issuerOf(tx, actor, null), yearOf(ctx), [draftNotice({ area, snapshot }, { ctx, actor, respondBy, note: body.note, batchId: null, at: now })]);
    await appendAudit(tx, actor, issuedAudit([created]));
    return toNotice(created, ctx.asOf, await wholesOf(tx, [created]));
  });
}

/** Why each area would be left out of a batch of 督办 today: the same rule as for units. */
async function areaSkips(tx: DbOrTx, children: Area[], ctx: ReportContext): Promise<Map<string, BatchSkipped>> {
  const held = (await heldBack(tx, ctx)).filter((n) => n.targetArea);
  const out = new Map<string, BatchSkipped>();
  for (const a of children) {
    const skip = skipOf(held.filter((n) => n.targetArea === a.code), ctx);
    if (skip) out.set(a.code, { unitId: null, areaCode: a.code, unit: { code: a.code, name: a.name }, ...skip });
  }
  return out;
}

/**
 * POST /api/notices/batch with `target: "areas"`: one 督办 to each child area of `parent` (the
 * caller's scope by default) that has laggards, skipping as a unit batch skips, all or nothing.
 * Runs inside the batch's transaction, the issuing lock held.
 */
export async function issueAreaBatch(tx: DbOrTx, actor: Actor, body: IssueBatch, ctx: ReportContext, respondBy: string, dryRun: boolean, now: Date) {
  const parent = await reportArea(tx, actor, body.parent ?? null);
  const children = (await childAreas(tx, parent?.code ?? null)).filter((a) => mayUrgeArea(actor.scope, a.code));
  const lagging: { area: Area; snapshot: AreaSnapshot }[] = [];
  for (const area of children) {
    const snapshot = await snapshotOf(tx, area.code, now);
    if (snapshot) lagging.push({ area, snapshot });
  }
  const skips = await areaSkips(tx, lagging.map((l) => l.area), ctx);
  const chosen = new Set(body.include ?? []);
  const eligible = lagging.filter((l) => !skips.has(l.area.code) || chosen.has(l.area.code)).slice(0, MAX_BATCH);
  const skipped = [...skips.values()].filter((s) => !chosen.has(s.areaCode ?? ''));
  if (dryRun) return { created: 0, willCreate: eligible.length, skipped, batchId: null, items: [] };
  if (body.expected !== undefined && body.expected !== eligible.length) {
    throw fail.conflict(`the roll-up has changed: ${eligible.length} areas now, ${body.expected} confirmed`, { reason: 'count_changed', count: eligible.length, skipped: skipped.length });
  }
  const batchId = eligible.length ? crypto.randomUUID() : null;
  const created = await repo.insertNotices(tx, await issuerOf(tx, actor, null), yearOf(ctx), eligible.map((l) => draftNotice(l, { ctx, actor, respondBy, note: body.note, batchId, at: now })));
  await appendAudit(tx, actor, issuedAudit(created));
  const wholes = await wholesOf(tx, created);
  return { created: created.length, willCreate: created.length, skipped, batchId, items: created.map((r) => toNotice(r, ctx.asOf, wholes)) };
}

// Display links and the meeting screen (the leaders' view). A link is a bearer secret: 32 random
// bytes shown once, stored as their sha256, looked up by that hash; revoked or expired, it opens
// nothing. The screen reads the link's scope only and answers no person's name, contact or phone.
import { createHash, randomBytes } from 'node:crypto';
import type { DbOrTx } from '../../../db/client.js';
import { appendAudit } from '../../../db/queries/audit.js';
import { findAreas } from '../../../db/queries/areas.js';
import { findDisplayLink, insertDisplayLink, listDisplayLinks, liveDisplayLink, recentStepsIn, revokeDisplayLink, type DisplayLinkRow } from '../../../db/queries/display-links.js';
import { addDays } from '../../../shared/domain/dates.js';
import type { CreateDisplayLink, DisplayLink, ScreenData } from '../../../shared/schemas/display.js';
import { actingNow, type Actor } from '../../lib/actor.js';
import { fail } from '../../lib/errors.js';
import { laggardsReport, reportArea, summaryReport } from '../../lib/reports.js';
import { rollupReport } from '../../lib/rollup.js';
import { areaFor } from '../../lib/scope.js';
import { registrationTrend } from '../../lib/trend.js';

const DAY_MS = 86_400_000;
const WORST = 8;
const TREND_DAYS = 14;
const RECENT = 6;

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

async function shape(db: DbOrTx, rows: DisplayLinkRow[], now = new Date()): Promise<DisplayLink[]> {
  const areas = new Map((await findAreas(db, [...new Set(rows.map((r) => r.areaCode).filter((c): c is string => c !== null))])).map((a) => [a.code, a]));
  return rows.map((r) => {
    const a = r.areaCode ? areas.get(r.areaCode) : undefined;
    return {
      id: r.id,
      label: r.label,
      area: a ? { code: a.code, name: a.name, level: a.level } : null,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      revokedAt: r.revokedAt?.toISOString() ?? null,
      status: r.revokedAt ? 'revoked' : r.expiresAt <= now ? 'expired' : r.creatorStands ? 'active' : 'orphaned',
    };
  });
}

/** POST /api/display-links: inside the office's scope (a scoped office: an area inside it, never the whole installation). */
export async function createLink(db: DbOrTx, actor: Actor, body: CreateDisplayLink, now = new Date()) {
  const area = await areaFor(db, actor, body.area);
  const token = randomBytes(32).toString('base64url');
  return db.transaction(async (tx) => {
    const current = await actingNow(tx, actor);
    const inside = await areaFor(tx, current, area?.code ?? current.scope);
    const row = await insertDisplayLink(tx, {
      tokenHash: hashToken(token),
      label: body.label,
      areaCode: inside?.code ?? null,
      createdBy: actor.id,
      expiresAt: new Date(now.getTime() + body.expiresInDays * DAY_MS),
    });
    // the audit row names the link, never its token
    await appendAudit(tx, actor, { action: 'display_link.create', target: row.id, details: { label: row.label, area: row.areaCode, expiresAt: row.expiresAt.toISOString() } });
    const [link] = await shape(tx, [row], now);
    return { link: link!, token, path: `/screen#${token}` };
  });
}

export async function listLinks(db: DbOrTx, actor: Actor) {
  return { items: await shape(db, await listDisplayLinks(db, actor.scope)) };
}

/** POST /api/display-links/:id/revoke: the next screen read is refused (the screen polls every few seconds). */
export async function revokeLink(db: DbOrTx, actor: Actor, id: string, now = new Date()): Promise<DisplayLink> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw fail.notFound('display link');
  return db.transaction(async (tx) => {
    const current = await actingNow(tx, actor);
    const row = await findDisplayLink(tx, id, current.scope);
    if (!row) throw fail.notFound('display link');
    if (!row.revokedAt) {
      await revokeDisplayLink(tx, id, actor.id, now);
      await appendAudit(tx, actor, { action: 'display_link.revoke', target: id, details: { label: row.label, area: row.areaCode } });
    }
    const [link] = await shape(tx, [(await findDisplayLink(tx, id, current.scope))!], now);
    return link!;
  });
}

/** The bearer token of `Authorization: Bearer …`, or nothing. */
export const bearerOf = (header: string | undefined) => /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header ?? '')?.[1];

/** GET /api/screen: the link's scope as the meeting sees it. */
/** `root`: the database the kept reports are kept for (the reports routes': memo.ts); null: computed whole */
export async function screenData(db: DbOrTx, token: string | undefined, now = new Date(), root: object | null = null): Promise<ScreenData> {
  const link = token ? await liveDisplayLink(db, hashToken(token), now) : undefined;
  if (!link) throw fail.unauthenticated('显示链接无效、已过期或已被撤销（创建它的账号停用或不再管辖该地区时，链接随之失效）');
  const area = await reportArea(db, { scope: link.areaCode }, link.areaCode);
  const code = area?.code ?? null;
  const summary = await summaryReport(db, { area: code, compareDays: 7 }, now);
  const rollup = await rollupReport(db, area, undefined, now, 7, root);
  const worst = await laggardsReport(db, { area: code, page: 1, pageSize: WORST }, now, root);
  const trend = await registrationTrend(db, code, addDays(summary.asOf, -(TREND_DAYS - 1)), summary.asOf);
  const recent = await recentStepsIn(db, code, RECENT);
  return {
    label: link.label,
    area: area ? { code: area.code, name: area.name, level: area.level } : null,
    asOf: summary.asOf,
    generatedAt: now.toISOString(),
    expiresAt: link.expiresAt.toISOString(),
    summary: {
      totalUnits: summary.totalUnits,
      onboarded: summary.onboarded,
      laggards: summary.laggards,
      previous: summary.previous ? { asOf: summary.previous.asOf, onboarded: summary.previous.onboarded, laggards: summary.previous.laggards } : null,
      scorecard: summary.scorecard ?? null,
    },
    ranking: rollup.items
      .filter((r) => r.area.level !== 'unplaced')
      .map((r) => ({
        area: { code: r.area.code, name: r.area.name, level: r.area.level },
        totalUnits: r.totalUnits,
        onboarded: r.onboarded,
        onboardedShare: r.onboardedShare,
        laggards: r.laggards,
        rank: r.rank,
        previousRank: r.previous?.rank ?? null,
        scorecard: r.scorecard ?? null,
      })),
    // the unit and its flags only: no contact, no phone, no technician
    worst: worst.items.map((l) => ({ unit: { code: l.unit.code, name: l.unit.name, kind: l.unit.kind }, flags: l.flags })),
    trend,
    recent: recent.map((s) => ({ unit: { code: s.code, name: s.name }, type: s.type, occurredAt: s.occurred_at })),
  };
}

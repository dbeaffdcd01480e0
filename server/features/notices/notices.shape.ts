// A stored notice as the API answers it, its printed number and its issuer: shared by the unit
// notices (notices.service.ts) and the 督办 to areas (notices.areas.ts).
import type { DbOrTx } from '../../../db/client.js';
import * as repo from '../../../db/queries/notices.js';
import { findAreas } from '../../../db/queries/areas.js';
import { addDays, dayOf, startOfDay } from '../../../shared/domain/dates.js';
import { batchSkipReason, defaultRespondBy, MAX_RESPOND_DAYS, noticeNumber, noticeStatus, WITHDRAWN_RECENT_DAYS, type AreaSnapshot } from '../../../shared/domain/notices.js';
import { installationVoice, kindWord } from '../../../shared/domain/voice.js';
import type { Area } from '../../../shared/schemas/areas.js';
import type { LaggardItem } from '../../../shared/schemas/reports.js';
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings.js';
import type { BatchSkipped, Notice } from '../../../shared/schemas/notices.js';
import type { Actor } from '../../lib/actor.js';
import { fail } from '../../lib/errors.js';
import type { ReportContext } from '../../lib/reports.js';
import { iso } from '../../lib/time.js';
import { issuerVoice } from '../../lib/voice.js';

/** The number as printed; a row without one (written by a tool that predates 0019) has the installation-wide number it had. */
export const numberOf = (r: { number?: string | null; year: number; seq: number }) => r.number ?? noticeNumber(r.year, r.seq);

/** How each issuing area speaks of itself (全区), read once for a page of notices: code → 全X. */
export type Wholes = ReadonlyMap<string, string>;

export async function wholesOf(db: DbOrTx, rows: readonly repo.NoticeRow[]): Promise<Wholes> {
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

/**
 * The notice's issuer: the issuing office's area (docs/contract/areas.md "Each level's voice"),
 * numbered in that area's own sequence; '' when the installation speaks for itself.
 */
export async function issuerOf(tx: DbOrTx, actor: Actor, covered: string | null): Promise<repo.Issuer> {
  const voice = await issuerVoice(tx, actor, covered);
  return { code: voice.areaCode ?? '', office: voice.signingOffice, docPrefix: voice.docPrefix };
}

/** The year of the day of issue in the campaign's time zone: the sequences start again at its new year. */
export const yearOf = (ctx: ReportContext) => Number(ctx.asOf.slice(0, 4));

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

/** Whom a notice urges: a laggard unit (催办), or an area below the office with its snapshot (督办). */
export type Addressee = { unit: Pick<LaggardItem, 'unit' | 'flags' | 'severity'> } | { area: Pick<Area, 'code' | 'name'>; snapshot: AreaSnapshot };

/** What every notice of one issue shares, whoever it urges. */
export interface Issue {
  ctx: ReportContext;
  actor: Actor;
  respondBy: string;
  note: string | undefined;
  batchId: string | null;
  at: Date;
}

/**
 * The row to insert for one addressee: a unit's notice carries its flags and severity; a 督办
 * carries the area (its code and name where a unit's would be), the snapshot, no flags of its
 * own, and the sum of its worst units' severities.
 */
export function draftNotice(to: Addressee, issue: Issue): repo.NewNotice {
  const common = {
    issuedOn: issue.ctx.asOf,
    respondBy: issue.respondBy,
    note: issue.note || null,
    issuedAt: issue.at,
    issuedBy: issue.actor.id,
    issuedByName: issue.actor.displayName,
    batchId: issue.batchId,
  };
  if ('unit' in to) return { unitId: to.unit.unit.id, unitCode: to.unit.unit.code, unitName: to.unit.unit.name, flags: to.unit.flags, severity: to.unit.severity, ...common };
  const { area, snapshot } = to;
  return { unitId: null, targetArea: area.code, snapshot, unitCode: area.code, unitName: area.name, flags: [], severity: snapshot.worst.reduce((sum, w) => sum + w.severity, 0), ...common };
}

type Held = Awaited<ReturnType<typeof repo.noticesHoldingBack>>[number];

/** The notices that may hold an addressee out of today's batch: open ones, and those withdrawn recently. */
export const heldBack = (tx: DbOrTx, ctx: ReportContext): Promise<Held[]> =>
  repo.noticesHoldingBack(tx, startOfDay(addDays(ctx.asOf, -WITHDRAWN_RECENT_DAYS), ctx.rules.timezone));

/**
 * Why one addressee (a unit or an area) would be left out of a batch today, given its notices
 * holding it back (shared/domain/notices.ts batchSkipReason), with the notice that gives the
 * reason; null when it is urged.
 */
export function skipOf(mine: readonly Held[], ctx: ReportContext): Pick<BatchSkipped, 'reason' | 'notice'> | null {
  const tz = ctx.rules.timezone;
  const facts = mine.map((n) => ({ issuedOn: n.issuedOn, answered: n.answeredAt !== null, withdrawnOn: n.withdrawnAt ? dayOf(n.withdrawnAt, tz) : null }));
  const reason = batchSkipReason(facts, ctx.asOf);
  if (!reason) return null;
  // the newest notice that gives the reason: the one the office would look at
  const cause = mine.find((_, i) => batchSkipReason([facts[i]], ctx.asOf) === reason) ?? null;
  return { reason, notice: cause && { id: cause.id, number: numberOf(cause), issuedOn: cause.issuedOn } };
}

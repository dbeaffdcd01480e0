// The settings as a caller sees them: the installation's (time zone, defaults, home area), or an
// area's effective deadlines with where each value comes from (docs/contract/areas.md "Scopes": an area without
// a value takes its nearest ancestor's, else the installation's). Writes check the caller's scope
// again under lock inside their transaction, so a narrowing in flight is honoured.
import { z } from 'zod';
import type { DbOrTx } from '../../../db/client.js';
import { appendAudit } from '../../../db/queries/audit.js';
import { findArea, voiceChain, writeAreaVoice } from '../../../db/queries/areas.js';
import { voiceOf } from '../../../shared/domain/voice.js';
import { countyInReach, lockThresholdWriters, readAreaOverrides, readAreaScores, readSettings, writeAreaOverride, writeSettings } from '../../../db/queries/settings.js';
import { DEFAULT_SCORE_THRESHOLDS, effectiveScore, invertedScoreArea, scoreSources, type OwnScoreThresholds, type ScoreThresholds } from '../../../shared/domain/scorecard.js';
import { inScope } from '../../../shared/domain/areas.js';
import { AREA_RULE_FIELDS, effectiveAreaRules, NO_OWN_RULES, setsNothing, type AreaOwnRules } from '../../../shared/domain/deadlines.js';
import type { Area } from '../../../shared/schemas/areas.js';
import { AreaOwnSettings, DEFAULT_REPORT_BACK_DAYS, Settings, SettingsInput, type AreaSettings } from '../../../shared/schemas/settings.js';
import { actingNow, type Actor } from '../../lib/actor.js';
import { fail } from '../../lib/errors.js';
import { areaFor } from '../../lib/scope.js';
import { databaseKnowsZone, ZONE_UNKNOWN_TO_DATABASE } from './settings.timezone.js';

const notFound = () => fail.notFound('area');
const INSTALLATION_ONLY = '只有管辖全部地区的办公室账号可以修改全局设置；本地区的截止日期请在“地区设置”中修改';

/**
 * The area whose settings a caller may read: inside its scope; a unit's contact (whose scope is
 * its unit) reads its own unit's county and that county's ancestors only.
 */
async function readableArea(db: DbOrTx, actor: Actor, code: string): Promise<Area> {
  if (actor.role === 'unit') {
    const county = await countyInReach(db, actor.reach);
    if (!county?.startsWith(code)) throw notFound();
    const area = await findArea(db, code);
    if (!area) throw notFound();
    return area;
  }
  return (await areaFor(db, actor, code))!;
}

export async function areaSettings(db: DbOrTx, area: Area): Promise<AreaSettings> {
  const [installation, overrides, scores, chain] = await Promise.all([readSettings(db), readAreaOverrides(db), readAreaScores(db), voiceChain(db, area.code)]);
  const { rules, sources } = effectiveAreaRules(installation, overrides, area.code);
  const score = effectiveScore(installationScore(installation), scores, area.code);
  const ownScore = scores.get(area.code) ?? { scoreGreen: null, scoreYellow: null };
  // the area's own voice (null: derived); a placeholder area (市辖区) shows its speaker's
  const self = chain?.find((a) => a.code === area.code);
  const voice = voiceOf(chain ?? []);
  return {
    area,
    timezone: installation.timezone,
    wiringDue: rules.wiringDue,
    connectionDue: rules.connectionDue,
    registrationGraceDays: rules.registrationGraceDays,
    stallDays: rules.stallDays,
    postponementLimit: rules.postponementLimit,
    backdateDays: rules.backdateDays,
    reviewDays: rules.reviewDays,
    lateJoinWiringDays: rules.lateJoinWiringDays,
    lateJoinConnectionDays: rules.lateJoinConnectionDays,
    backboneDue: rules.backboneDue ?? null,
    reportBackDays: rules.reportBackDays ?? DEFAULT_REPORT_BACK_DAYS,
    own: { ...NO_OWN_RULES, ...overrides.get(area.code), ...ownScore, signingOffice: self?.signingOffice ?? null, docPrefix: self?.docPrefix ?? null } as AreaSettings['own'],
    sources: { ...sources, ...scoreSources(scores, area.code) },
    ...score,
    signingOffice: voice?.signingOffice ?? installation.signingOffice ?? '',
    docPrefix: voice?.docPrefix ?? '',
  };
}

/** The installation's scorecard thresholds (a row written before they existed: the defaults). */
export const installationScore = (s: Settings): ScoreThresholds => ({
  scoreGreen: s.scoreGreen ?? DEFAULT_SCORE_THRESHOLDS.scoreGreen,
  scoreYellow: s.scoreYellow ?? DEFAULT_SCORE_THRESHOLDS.scoreYellow,
});

// equal lines would leave no yellow at all: a share would leap from red to green
const YELLOW_ABOVE_GREEN = '绿色线须高于黄色线';
/** Refuses a write after which any area at or below `code` (null: all) would have green ≤ yellow in force. */
const checkScore = (installation: ScoreThresholds, scores: ReadonlyMap<string, Partial<OwnScoreThresholds>>, code: string | null) => {
  const inverted = invertedScoreArea(installation, scores, code);
  if (inverted === undefined) return;
  const where = inverted === null || inverted === code ? '' : `（将使下级地区 ${inverted} 的绿色线不高于黄色线）`;
  throw fail.validation(`invalid body: scoreYellow above scoreGreen${inverted === null ? '' : ` in force for area ${inverted}`}`, [
    { field: 'scoreYellow', message: YELLOW_ABOVE_GREEN + where },
  ]);
};

/** GET /api/settings?area= */
export async function getSettings(db: DbOrTx, actor: Actor, area?: string): Promise<Settings | AreaSettings> {
  if (area === undefined) return readSettings(db);
  return areaSettings(db, await readableArea(db, actor, area));
}

/** The body as the query says: the installation's settings, or an area's own values. */
function bodyOf<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'body', message: i.message }));
  throw fail.validation(`invalid body: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
}

/** PUT /api/settings, with ?area= an area's own values: the answer is what GET answers after it. */
export async function putSettings(db: DbOrTx, actor: Actor, area: string | undefined, body: unknown): Promise<Settings | AreaSettings> {
  return area === undefined ? putInstallationSettings(db, actor, bodyOf(SettingsInput, body)) : putAreaSettings(db, actor, area, bodyOf(AreaOwnSettings, body));
}

/** The office whose scope holds the area (404 otherwise) sets that area's own values (absent or null: inherit). */
async function putAreaSettings(db: DbOrTx, actor: Actor, code: string, body: AreaOwnSettings): Promise<AreaSettings> {
  if (!inScope(actor.scope, code)) throw notFound();
  const area = (await areaFor(db, actor, code))!;
  const own = Object.fromEntries(AREA_RULE_FIELDS.map((f) => [f, body[f] ?? null])) as AreaOwnRules;
  const ownScore = { scoreGreen: body.scoreGreen ?? null, scoreYellow: body.scoreYellow ?? null };
  return db.transaction(async (tx) => {
    if (!inScope((await actingNow(tx, actor)).scope, code)) throw notFound();
    await lockThresholdWriters(tx);
    // the pair in force after the write must keep yellow at or below green
    const scores = new Map(await readAreaScores(tx)).set(area.code, ownScore);
    checkScore(installationScore(await readSettings(tx)), scores, area.code);
    const before = (await areaSettings(tx, area)).own;
    const nothing = setsNothing(own) && ownScore.scoreGreen === null && ownScore.scoreYellow === null;
    await writeAreaOverride(tx, area.code, nothing ? null : { ...own, ...ownScore });
    // the voice: absent keeps the stored one; null or blank derives it from the name again
    const keep = <K extends 'signingOffice' | 'docPrefix'>(k: K) => (body[k] === undefined ? before[k] : body[k] || null);
    if (body.signingOffice !== undefined || body.docPrefix !== undefined) {
      await writeAreaVoice(tx, area.code, { signingOffice: keep('signingOffice'), docPrefix: keep('docPrefix') });
    }
    const after = await areaSettings(tx, area);
    await appendAudit(tx, actor, { action: 'settings.area_update', target: area.code, details: { before, after: after.own } });
    return after;
  });
}

/**
 * The installation's settings are every area's defaults: only a whole-installation office
 * changes them. The home area must be a county (a new unit's county).
 */
async function putInstallationSettings(db: DbOrTx, actor: Actor, body: SettingsInput): Promise<Settings> {
  if (actor.scope !== null) throw fail.forbidden(INSTALLATION_ONLY);
  if (body.homeArea) {
    const area = await findArea(db, body.homeArea);
    if (area?.level !== 'county') throw fail.validation('invalid body: homeArea must name a county', [{ field: 'homeArea', message: '须为一个区县的 6 位代码' }]);
  }
  // the schema checked the name against JavaScript's list; the reports need the database's too
  if (!(await databaseKnowsZone(db, body.timezone))) {
    throw fail.validation(`invalid request: timezone is ${ZONE_UNKNOWN_TO_DATABASE}`, [{ field: 'timezone', message: ZONE_UNKNOWN_TO_DATABASE }]);
  }
  return db.transaction(async (tx) => {
    if (((await actingNow(tx, actor)).scope) !== null) throw fail.forbidden(INSTALLATION_ONLY);
    await lockThresholdWriters(tx);
    const before = await readSettings(tx);
    checkScore(installationScore({ ...before, ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) }), await readAreaScores(tx), null);
    const after = await writeSettings(tx, body);
    await appendAudit(tx, actor, { action: 'settings.update', target: 'settings', details: { before, after } });
    return after;
  });
}

// Issued bulletins (通报, docs/contract/domain.md "The record"): issuing stores what the bulletin
// says as of its day, under the issuing area's name and next number; reprinting reads the stored
// content, never the live reports, so the pages stay the same whatever is recorded since.
import type { DbOrTx } from '../../../db/client.js';
import { appendAudit } from '../../../db/queries/audit.js';
import { voiceChain } from '../../../db/queries/areas.js';
import * as repo from '../../../db/queries/bulletins.js';
import { readSettings } from '../../../db/queries/settings.js';
import { inScope } from '../../../shared/domain/areas.js';
import { today } from '../../../shared/domain/dates.js';
import { addresseeOffices } from '../../../shared/domain/voice.js';
import type { Area } from '../../../shared/schemas/areas.js';
import type { Bulletin, BulletinContent, BulletinHeader, BulletinListQuery, BulletinUnit, IssueBulletin } from '../../../shared/schemas/bulletins.js';
import type { LaggardItem } from '../../../shared/schemas/reports.js';
import { actingNow, type Actor } from '../../lib/actor.js';
import { fail, isUuid } from '../../lib/errors.js';
import { laggardsReport, reportArea, summaryReport } from '../../lib/reports.js';
import { iso } from '../../lib/time.js';
import { addresseeFor, issuerVoice } from '../../lib/voice.js';
import { laggardsForExport, rollupReport } from './reports.service.js';

/** How many of each lagging child's units a city's bulletin names (as the printed page did). */
export const WORST_PER_AREA = 3;

const printed = (l: LaggardItem): BulletinUnit => ({
  unit: { id: l.unit.id, code: l.unit.code, name: l.unit.name, kind: l.unit.kind },
  flags: l.flags,
  lastEventAt: l.lastEventAt,
});

/** The bulletin's content as of its day: the same reports the bulletin page reads, with the same filters. */
async function contentOf(db: DbOrTx, actor: Actor, area: Area | null, filters: IssueBulletin, now: Date): Promise<BulletinContent> {
  const { category: _c, urged: _u, ...unitScope } = filters;
  const code = area?.code ?? null;
  const summary = await summaryReport(db, { ...unitScope, area: code }, now);
  const asOf = summary.asOf;
  const { items } = await laggardsForExport(db, { ...filters, asOf, area: code });
  let rollup: BulletinContent['rollup'] = null;
  const worst: BulletinContent['worst'] = [];
  if (area && area.level !== 'county') {
    const rows = (await rollupReport(db, area, asOf, now)).items.filter((r) => r.area.level !== 'kind' && r.area.level !== 'unplaced');
    rollup = [...rows].sort((a, b) => a.rank - b.rank);
    const { area: _a, ...rest } = filters;
    for (const r of rollup.filter((x) => x.laggards > 0)) {
      const page = await laggardsReport(db, { ...rest, asOf, area: r.area.code, page: 1, pageSize: WORST_PER_AREA }, now);
      worst.push({ areaCode: r.area.code, items: page.items.map(printed) });
    }
  }
  const voice = await issuerVoice(db, actor, code);
  const addressee = await addresseeFor(db, code);
  const chain = code ? ((await voiceChain(db, code)) ?? []) : [];
  return {
    voice,
    addressee: addressee ? addresseeOffices(addressee) : null,
    area,
    areaFullName: chain.length ? [...chain].sort((a, b) => a.code.length - b.code.length).map((a) => a.name).join('') : null,
    asOf,
    summary,
    laggards: items.map(printed),
    rollup,
    worst,
  };
}

const toHeader = (r: Omit<repo.BulletinRow, 'content'>): BulletinHeader => ({
  id: r.id,
  number: r.number,
  area: r.areaCode,
  asOf: r.asOf,
  issuedAt: iso(r.issuedAt),
  issuedBy: { id: r.issuedBy, displayName: r.issuedByName },
  signingOffice: r.signingOffice,
  filters: r.filters,
});

const toBulletin = (r: repo.BulletinRow): Bulletin => ({ ...toHeader(r), content: r.content });

/** POST /api/bulletins: the board's bulletin as it stands, stored and numbered in the issuer's own sequence. */
export async function issueBulletin(db: DbOrTx, actor: Actor, body: IssueBulletin, now = new Date()): Promise<Bulletin> {
  return db.transaction(async (tx) => {
    actor = await actingNow(tx, actor);
    const area = await reportArea(tx, actor, body.area);
    const content = await contentOf(tx, actor, area, body, now);
    const { voice } = content;
    const issuer = { code: voice.areaCode ?? '', office: voice.signingOffice, docPrefix: voice.docPrefix };
    // numbered in the year of the day of issue (the campaign's zone), not of the day reported on
    const year = Number(today((await readSettings(tx)).timezone, now).slice(0, 4));
    const row = await repo.insertBulletin(tx, issuer, year, {
      areaCode: area?.code ?? null,
      asOf: content.asOf,
      filters: body,
      content,
      issuedAt: now,
      issuedBy: actor.id,
      issuedByName: actor.displayName,
    });
    await appendAudit(tx, actor, { action: 'bulletin.issue', target: row.id, details: { number: row.number, area: row.areaCode, asOf: row.asOf } });
    return toBulletin(row);
  });
}

/** The scope whose bulletins the caller reads: its own (null: all). */
const within = (actor: Actor) => actor.scope;

export async function getBulletin(db: DbOrTx, actor: Actor, id: string): Promise<Bulletin> {
  const row = isUuid(id) ? await repo.findBulletin(db, within(actor), id) : undefined;
  if (!row) throw fail.notFound('bulletin');
  return toBulletin(row);
}

export async function listBulletins(db: DbOrTx, actor: Actor, q: BulletinListQuery): Promise<{ items: BulletinHeader[]; total: number; page: number; pageSize: number }> {
  if (q.area && !inScope(actor.scope, q.area)) throw fail.notFound('area');
  const { rows, total } = await repo.listBulletins(db, within(actor), q.area ?? null, q);
  return { items: rows.map(toHeader), total, page: q.page, pageSize: q.pageSize };
}

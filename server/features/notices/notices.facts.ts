// What the laggard board says of each unit's notices (api.md): how many it got, when the last
// one went out, and whether a step happened after it. Withdrawn notices do not count.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { rowsOf } from '../../../db/rows.js';

export interface NoticeFacts {
  count: number;
  lastAt: string | null;
  /** a live step happened after the last notice went out (its occurredAt, later the same day counts) */
  stepSinceLast: boolean;
}

export const NO_NOTICES: NoticeFacts = { count: 0, lastAt: null, stepSinceLast: false };

/** The units' last notices, one row per urged unit: for a filter or a join. */
export const lastNotices = (where: SQL = sql`true`) => sql`
  select n.unit_id, count(*)::int as n, max(n.issued_at) as last_at
  from notices n where n.withdrawn_at is null and ${where} group by n.unit_id`;

/** Units urged whose last notice has no live step after it: "urged, still no progress since". */
export const urgedWithoutProgress = sql`(
  select l.unit_id from (${lastNotices()}) l
  where not exists (select 1 from steps s where s.unit_id = l.unit_id and not s.voided and s.occurred_at > l.last_at))`;

/** The notice facts of these units (all urged units when `unitIds` is absent). */
export async function noticeFacts(db: DbOrTx, unitIds?: string[]): Promise<Map<string, NoticeFacts>> {
  if (unitIds && unitIds.length === 0) return new Map();
  const where = unitIds ? sql`n.unit_id in (${sql.join(unitIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`true`;
  const rows = await rowsOf<{ unit_id: string; n: number; last_ms: number; since: boolean }>(
    db,
    sql`select l.unit_id, l.n, round(extract(epoch from l.last_at) * 1000)::float8 as last_ms,
        exists (select 1 from steps s where s.unit_id = l.unit_id and not s.voided and s.occurred_at > l.last_at) as since
      from (${lastNotices(where)}) l`,
  );
  return new Map(rows.map((r) => [r.unit_id, { count: r.n, lastAt: new Date(Number(r.last_ms)).toISOString(), stepSinceLast: r.since }]));
}

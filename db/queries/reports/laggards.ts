// The laggard board: one page of the flagged units, ranked, or all of them for the files.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../client.js';
import { rowsOf } from '../../rows.js';
import type { StageStatus } from '../../../shared/domain/steps.js';
import type { LaggardFilter } from '../../../shared/schemas/reports.js';
import type { ReportContext } from './context.js';
import type { UnitFilter } from './facts.js';
import { CATEGORY_COLUMN, flagged } from './flags.js';
import { BOARD_ORDER, keptBoardAnswers, keptBoardPage } from './laggards-kept.js';

export interface LaggardRow {
  id: string;
  code: string;
  name: string;
  kind: 'township' | 'department' | 'other';
  parent_code: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  w: StageStatus;
  c: StageStatus;
  r: StageStatus;
  d_refused: number | null;
  d_postponed: number | null;
  d_unregistered: number | null;
  d_overdue_connection: number | null;
  d_overdue_wiring: number | null;
  d_stalled: number | null;
  d_report_back_overdue: number | null;
  d_training_absent: number | null;
  d_no_backbone: number | null;
  last_event_ms: number | null;
  score: number;
}

const laggardColumns = sql.raw(
  'id, code, name, kind, parent_code, contact_name, contact_phone, assignee_id, w, c, r, d_refused, d_postponed, d_unregistered, d_overdue_connection, d_overdue_wiring, d_stalled, d_report_back_overdue, d_training_absent, d_no_backbone, score::int as score',
);
/** the assignee's name, looked up for the rows shown only (not for every unit the flags read) */
const assigneeName = (alias: string) => sql.raw(`(select display_name from users where users.id = ${alias}.assignee_id) as assignee_name`);
/** a timestamptz as epoch milliseconds: the same number on both drivers (they differ on timestamps) */
const lastEventMs = sql.raw('round(extract(epoch from last_event_at) * 1000)::float8 as last_event_ms');
const ranking = BOARD_ORDER;

/** The laggard board's filter, its `area` narrowed to the caller's scope already. */
export type ReportFilter = Omit<LaggardFilter, 'area'> & { area?: string | null };

function laggardsOnly(ctx: ReportContext, filter: ReportFilter & Pick<UnitFilter, 'unitId'>): SQL {
  const category = filter.category ? sql.raw(` and ${CATEGORY_COLUMN[filter.category]} is not null`) : sql``;
  return sql`select * from (${flagged(ctx, { ...filter, laggardsOnly: true })}) x where score > 0${category}`;
}

/**
 * One page of laggards, ranked, and how many there are in all. `root`: the database today's board
 * is kept for (laggards-kept.ts); absent, or a question it cannot answer: computed whole.
 */
export async function laggardPage(db: DbOrTx, ctx: ReportContext, filter: ReportFilter, page: { page: number; pageSize: number }, root?: object) {
  const kept = root && keptBoardAnswers(ctx, filter, page) ? await keptBoardPage(root, db, ctx, filter, page) : null;
  if (kept) {
    const rows =
      kept.ids.length === 0
        ? []
        : await rowsOf<LaggardRow>(
            db,
            sql`select ${laggardColumns}, ${lastEventMs}, ${assigneeName('x')} from (${flagged(ctx, { area: filter.area, unitIds: kept.ids })}) x where score > 0 order by ${ranking}`,
          );
    return { total: kept.total, rows };
  }
  const rows = await rowsOf<LaggardRow & { total: number; id: string | null }>(
    db,
    sql`with hits as materialized (${laggardsOnly(ctx, filter)})
      select t.total, p.* from (select count(*)::int as total from hits) t
      left join lateral (
        -- the page first, then the per-row conversions for its rows only
        select ${laggardColumns}, ${lastEventMs}, ${assigneeName('top')} from (
          select * from hits order by ${ranking} limit ${page.pageSize}::int offset ${(page.page - 1) * page.pageSize}::int
        ) top order by ${ranking}
      ) p on true`,
  );
  return { total: rows[0]?.total ?? 0, rows: rows.filter((r) => r.id !== null) as LaggardRow[] };
}

/** Every laggard, ranked: for the files. */
export async function allLaggards(db: DbOrTx, ctx: ReportContext, filter: ReportFilter & Pick<UnitFilter, 'unitId'>): Promise<LaggardRow[]> {
  return rowsOf<LaggardRow>(db, sql`select ${laggardColumns}, ${lastEventMs}, ${assigneeName('x')} from (${laggardsOnly(ctx, filter)}) x order by ${ranking}`);
}

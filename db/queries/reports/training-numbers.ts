// The training numbers per area (docs/contract/api.md "GET /api/reports/training"): for each child
// area, its units, how many have a backbone named, attended at least one training, had a
// report-back accepted (and on time), and lag as absent. One pass over the units of the parent,
// grouped by the child's code prefix (children of one level have codes of one length).
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../client.js';
import { rowsOf } from '../../rows.js';
import { inScopeSql } from '../reach.js';
import { at, dayIn, type ReportContext } from './context.js';
import { endOfDay } from '../../../shared/domain/dates.js';
import { trainingFlagsJoin } from './training-flags.js';
import type { TrainingNumbers } from '../../../shared/schemas/training-numbers.js';

export interface TrainingNumbersRow {
  /** the child: an area code's prefix, a kind of unit, or null (units without a county) */
  code: string | null;
  units: number;
  backbone_named: number;
  trained: number;
  reported_back: number;
  reported_on_time: number;
  absent: number;
}

/** A row as the API says it (shared/schemas/training-numbers.ts); zeros for a child without units. */
export const trainingNumbersOf = (r: TrainingNumbersRow | undefined): TrainingNumbers => ({
  units: r?.units ?? 0,
  backboneNamed: r?.backbone_named ?? 0,
  trained: r?.trained ?? 0,
  reportedBack: r?.reported_back ?? 0,
  reportedOnTime: r?.reported_on_time ?? 0,
  absent: r?.absent ?? 0,
});

/** Counts per prefix of `length` characters of the units' county codes, for the units inside `area`. */
export async function trainingNumbers(db: DbOrTx, ctx: ReportContext, area: string | null, length: number): Promise<TrainingNumbersRow[]> {
  return trainingNumbersBy(db, ctx, area, sql`left(u.area_code, ${length}::int)`, sql`u.area_code is not null`);
}

/**
 * The same counts grouped by any child of the units (`u`): the roll-up's own children (a county's
 * kinds of unit, the units without a county at the top) get the report's numbers under `training`.
 */
export async function trainingNumbersBy(db: DbOrTx, ctx: ReportContext, area: string | null, child: SQL, only: SQL = sql`true`): Promise<TrainingNumbersRow[]> {
  const tz = ctx.rules.timezone;
  const sets = !area || area.length <= 2;
  return rowsOf<TrainingNumbersRow>(
    db,
    sql`select ${child} as code, count(*)::int as units,
        ${sets ? countsBySets() : countsPerUnit(tz)},
        (count(*) filter (where tf.d_training_absent is not null))::int as absent
      from units u${trainingFlagsJoin(ctx, { area })}${sets ? joinsBySets(area, tz) : sql``}
      -- a unit added after the day asked for is in no report of it ("The record")
      where ${only} and ${inScopeSql(area)} and u.created_at < ${at(endOfDay(ctx.asOf, tz))}
      group by 1`,
  );
}

/** a county's or a city's: each unit's own rows, by index */
const countsPerUnit = (tz: string) => sql`
  (count(*) filter (where exists (select 1 from backbones b where b.unit_id = u.id and b.kind = 'primary' and b.ended_at is null)))::int as backbone_named,
  (count(*) filter (where exists (select 1 from training_attendance a where a.unit_id = u.id and a.status = 'attended')))::int as trained,
  (count(*) filter (where exists (select 1 from report_backs r where r.unit_id = u.id and r.status = 'accepted')))::int as reported_back,
  (count(*) filter (where exists (select 1 from report_backs r join trainings t on t.id = r.training_id
    where r.unit_id = u.id and r.status = 'accepted' and (r.reported_on - date '1970-01-01') <= ${dayIn('t.ends_at', tz)} + tf.report_back_days)))::int as reported_on_time`;

/**
 * A province's or the whole installation's: each training table read once and hash-joined by unit
 * (the probes above cost four index lookups a unit: 18 s at 1,000,000 units, 0.6 s at 100,000),
 * as the training flags are (training-flags.ts trainingFlagsBySets). On time: the earliest
 * accepted report-back's lead over its training's end within the unit's own days.
 */
const countsBySets = () => sql`
  (count(*) filter (where nb.unit_id is not null))::int as backbone_named,
  (count(*) filter (where na.unit_id is not null))::int as trained,
  (count(*) filter (where nr.unit_id is not null))::int as reported_back,
  (count(*) filter (where nr.lead <= tf.report_back_days))::int as reported_on_time`;

function joinsBySets(area: string | null, tz: string): SQL {
  const ofArea = (column: string) => (area ? sql` and ${sql.raw(column)} in (select s.id from units s where ${inScopeSql(area, sql`s.area_code`)})` : sql``);
  return sql`
    left join (select distinct b.unit_id from backbones b where b.kind = 'primary' and b.ended_at is null${ofArea('b.unit_id')}) nb on nb.unit_id = u.id
    left join (select distinct a.unit_id from training_attendance a where a.status = 'attended'${ofArea('a.unit_id')}) na on na.unit_id = u.id
    left join (
      select r.unit_id, min((r.reported_on - date '1970-01-01') - ${dayIn('t.ends_at', tz)}) as lead
      from report_backs r join trainings t on t.id = r.training_id
      where r.status = 'accepted'${ofArea('r.unit_id')}
      group by r.unit_id
    ) nr on nr.unit_id = u.id`;
}

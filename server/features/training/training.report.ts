// GET /api/reports/training: the training numbers per child area of the caller's (or the asked) area.
import type { DbOrTx } from '../../../db/client.js';
import { childAreas } from '../../../db/queries/areas.js';
import { inReportTransaction } from '../../../db/queries/reports/context.js';
import { trainingNumbers, trainingNumbersOf } from '../../../db/queries/reports/training-numbers.js';
import { questionOf, remembered } from '../../../db/queries/reports/memo.js';
import type { TrainingReport } from '../../../shared/schemas/training.js';
import type { Actor } from '../../lib/actor.js';
import { reportContext } from '../../lib/reports.js';
import { areaFor } from '../../lib/scope.js';

const LENGTH = { province: 2, city: 4, county: 6 } as const;

export async function trainingReport(db: DbOrTx, actor: Actor, q: { area?: string; asOf?: string }): Promise<TrainingReport> {
  return (await trainingReportOf(db, actor, q)).report;
}

/** The report and the area it covers (null: the whole installation), which the files name. */
export async function trainingReportOf(db: DbOrTx, actor: Actor, q: { area?: string; asOf?: string }): Promise<{ area: { name: string } | null; report: TrainingReport }> {
  const area = await areaFor(db, actor, q.area);
  return { area, report: await numbersFor(db, area, q.asOf) };
}

async function numbersFor(db: DbOrTx, area: Awaited<ReturnType<typeof areaFor>>, asOf: string | undefined): Promise<TrainingReport> {
  // a county has no child areas: its own row
  const children = area?.level === 'county' ? [area] : await childAreas(db, area?.code ?? null);
  const length = children[0] ? LENGTH[children[0].level] : 2;
  return inReportTransaction(db, async (tx) => {
    const ctx = await reportContext(tx, asOf);
    // they read no step: kept while no unit or training record changes (memo.ts)
    const numbers = await remembered(db, tx, ['trainingNumbers', questionOf(ctx), area?.code ?? null, length], () => trainingNumbers(tx, ctx, area?.code ?? null, length));
    const rows = new Map(numbers.map((r) => [r.code, r]));
    return {
      asOf: ctx.asOf,
      items: children.map((c) => {
        return { area: { code: c.code, name: c.name, level: c.level }, ...trainingNumbersOf(rows.get(c.code)) };
      }),
    };
  });
}

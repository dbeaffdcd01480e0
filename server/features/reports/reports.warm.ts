// Today's kept reports (db/queries/reports/memo.ts, laggards-kept.ts) made at each day's turn in
// the campaign's zone, and once soon after the server starts, so that the first office to open the
// roll-up or the board in the morning does not wait for every county to be computed (about 2 s at
// 100,000 units, ten times that at 1,000,000). Each process keeps its own, so each makes its own.
import type { FastifyInstance } from 'fastify';
import type { DbOrTx } from '../../../db/client.js';
import { readSettings } from '../../../db/queries/settings.js';
import { endOfDay, today } from '../../../shared/domain/dates.js';
import { COMPARE_DAYS_DEFAULT } from '../../../shared/schemas/reports.js';
import { laggardsReport } from '../../lib/reports.js';
import { rollupReport } from '../../lib/rollup.js';

/** after the start: the server answers its first requests (and the tests theirs) before this */
const AFTER_START_MS = 30_000;
/** after midnight: a step written at 23:59:59 is in yesterday, the clock a little behind */
const AFTER_TURN_MS = 5_000;
/** after a failure (the database away a moment) */
const RETRY_MS = 600_000;
/** the board's first page as the dashboard asks it (web/src/features/reports/api/get-laggards.ts) */
const BOARD_PAGE = { page: 1, pageSize: 50 };

export function keepReportsWarm(app: FastifyInstance, db: DbOrTx, afterStartMs = AFTER_START_MS) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const warm = async () => {
    // the leaders' view: the provinces with the week before, the unscoped board
    await rollupReport(db, null, undefined, undefined, COMPARE_DAYS_DEFAULT, db);
    if (!stopped) await laggardsReport(db, BOARD_PAGE, undefined, db);
  };
  const untilNextDay = async () => {
    const { timezone } = await readSettings(db);
    const now = new Date();
    return endOfDay(today(timezone, now), timezone).getTime() - now.getTime() + AFTER_TURN_MS;
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = (async () => {
        let next = RETRY_MS;
        try {
          await warm();
          next = await untilNextDay();
        } catch (err) {
          if (!stopped) app.log.warn({ err: err instanceof Error ? { message: err.message } : String(err) }, 'keeping the reports warm failed; trying again in 10 minutes');
        }
        running = undefined;
        schedule(next);
      })();
    }, ms);
    timer.unref();
  };

  app.addHook('onListen', async () => schedule(afterStartMs));
  app.addHook('onClose', async () => {
    stopped = true;
    clearTimeout(timer);
    // a round in flight ends before the database closes, or is cut short (its error only logged)
    await Promise.race([running, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  });
}

// Units onboarded by the end of each day of a range, for the meeting screen's trend (the reports
// feature's trend gives every stage; the screen shows the one that counts).
import type { DbOrTx } from '../../db/client.js';
import { completionsByDay, inReportTransaction } from '../../db/queries/reports/index.js';
import { readSettings } from '../../db/queries/settings.js';
import { dayNumber, fromDayNumber } from '../../shared/domain/dates.js';

export async function registrationTrend(db: DbOrTx, area: string | null, from: string, to: string): Promise<{ date: string; registration: number }[]> {
  const { timezone } = await readSettings(db);
  const rows = await inReportTransaction(db, (tx) => completionsByDay(tx, timezone, area));
  const first = dayNumber(from);
  const last = dayNumber(to);
  let running = 0;
  const perDay = new Map<number, number>();
  for (const r of rows) {
    if (r.stage !== 'registration') continue;
    if (r.day < first) running += r.n;
    else perDay.set(r.day, (perDay.get(r.day) ?? 0) + r.n);
  }
  const out: { date: string; registration: number }[] = [];
  for (let d = first; d <= last; d++) {
    running += perDay.get(d) ?? 0;
    out.push({ date: fromDayNumber(d), registration: running });
  }
  return out;
}

// What GET /api/units/:id adds to a unit: its laggard flags today, computed by the pure rules of
// shared/domain/laggards.ts from the stored progress and the settings (as the laggard report does
// for today), and its technician's name.
import type { DbOrTx } from '../../../db/client.js';
import { endOfDay, today } from '../../../shared/domain/dates.js';
import { compareFlags, laggardFlags, progressAsOf, severityOf } from '../../../shared/domain/laggards.js';
import { addedOn, backboneDueOf, dueDatesOf } from '../../../shared/domain/deadlines.js';
import { trainingFlags } from '../../../shared/domain/training-flags.js';
import { DEFAULT_REPORT_BACK_DAYS } from '../../../shared/schemas/settings.js';
import { unitTrainingFacts } from '../../../db/queries/training.js';
import type { UnitDetail, UnitDueDates, UnitLaggard } from '../../../shared/schemas/unit-detail.js';
import { iso } from '../../lib/time.js';
import { rulesForArea } from '../../../db/queries/settings.js';
import { liveSteps, toFact } from '../../../db/queries/steps.js';
import { areaName, toUnit, type UnitRow } from '../../../db/queries/units.js';
import { helpForArea, technicianContact } from '../../../db/queries/unit-help.js';

export async function unitLaggard(db: DbOrTx, row: UnitRow, now = new Date()): Promise<UnitLaggard & { dueDates: UnitDueDates }> {
  // the unit's county's deadlines, inherited over its city and province, as the board uses them
  const rules = await rulesForArea(db, row.areaCode);
  // counted from the day it was added when it came after them ("The record")
  const added = addedOn(row.createdAt, rules.timezone);
  const due = dueDatesOf(row, rules, added);
  const dueDates = { addedOn: added, ...due, lateJoinWiringDays: rules.lateJoinWiringDays, lateJoinConnectionDays: rules.lateJoinConnectionDays };
  const asOf = today(rules.timezone, now);
  let progress = row.progress;
  // A step dated a few minutes ahead of the clock, just before midnight, belongs to tomorrow:
  // then the steps are replayed up to the end of today, as the report does.
  if (progress.lastEventAt && Date.parse(progress.lastEventAt) >= endOfDay(asOf, rules.timezone).getTime()) {
    const steps = (await liveSteps(db, row.id)).map((s) => ({ ...toFact(s), seq: s.seq }));
    progress = progressAsOf(steps, asOf, rules.timezone, iso(row.createdAt));
  }
  const network = laggardFlags(progress, due, rules, asOf).flags;
  // the training flags (shared/domain/training-flags.ts): an onboarded unit can still lag on them
  const facts = await unitTrainingFacts(db, row.id, rules.timezone);
  const training = trainingFlags({ ...facts, backboneDue: backboneDueOf(rules.backboneDue ?? null, added, rules), reportBackDays: rules.reportBackDays ?? DEFAULT_REPORT_BACK_DAYS }, asOf);
  const flags = [...network, ...training].sort(compareFlags);
  return { asOf, flags, severity: severityOf(flags), dueDates };
}

export async function toUnitDetail(db: DbOrTx, row: UnitRow): Promise<UnitDetail> {
  const [{ dueDates, ...laggard }, assignee, county, registrationHelp] = await Promise.all([
    unitLaggard(db, row),
    technicianContact(db, row.assigneeId),
    areaName(db, row.areaCode),
    helpForArea(db, row.areaCode),
  ]);
  return { ...toUnit(row, county), laggard, dueDates, assignee, registrationHelp };
}

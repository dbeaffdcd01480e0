// The training flags' SQL (db/queries/reports/training-flags.ts) says exactly what the pure rules
// (shared/domain/training-flags.ts) say, for random backbones, trainings (closed or not), attendance
// and report-backs, areas setting their own backboneDue and reportBackDays, and past days asked about.
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { backbones, reportBacks, trainingAttendance, trainings, units } from '../../db/schema/index.js';
import { progressColumns } from '../../db/queries/units.js';
import { readAreaOverrides, writeAreaOverride } from '../../db/queries/settings.js';
import { trainingFlagRows } from '../../db/queries/reports/training-flags.js';
import { reportContext } from '../../server/lib/reports.js';
import { addDays, dayOf, today } from '../../shared/domain/dates.js';
import { addedOn, backboneDueOf, effectiveAreaRules, NO_OWN_RULES } from '../../shared/domain/deadlines.js';
import { initialProgress } from '../../shared/domain/progress.js';
import { trainingFlags, type UnitTrainingFacts } from '../../shared/domain/training-flags.js';
import { readSettings } from '../../db/queries/settings.js';
import { uniq } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

const DAY = 86_400_000;
const AREAS = ['621223', '621202', '620102'] as const;
const TOPICS = ['network', 'office_automation', 'security', 'other'] as const;

const training = fc.record({
  endedDaysAgo: fc.integer({ min: 0, max: 40 }),
  hour: fc.integer({ min: 0, max: 23 }),
  topics: fc.subarray([...TOPICS], { minLength: 1 }),
  closedHoursAfter: fc.option(fc.integer({ min: 0, max: 30 * 24 }), { nil: null }),
});
const unitFacts = fc.record({
  area: fc.constantFrom(...AREAS),
  primary: fc.constantFrom('none', 'current', 'ended'),
  // added long before the backboneDue, around it, or today (a late joiner: counted from its day)
  addedDaysAgo: fc.oneof(fc.constant(120), fc.integer({ min: 0, max: 40 })),
  enrolments: fc.array(
    fc.record({ training: fc.nat(3), status: fc.constantFrom('invited', 'attended', 'absent', 'excused'), report: fc.constantFrom(null, 'submitted', 'accepted', 'returned') }),
    { maxLength: 4 },
  ),
});
const scenario = fc.record({
  trainings: fc.array(training, { minLength: 4, maxLength: 4 }),
  units: fc.array(unitFacts, { minLength: 1, maxLength: 5 }),
  backboneDueAgo: fc.option(fc.integer({ min: -5, max: 30 }), { nil: null }),
  countyDueAgo: fc.option(fc.integer({ min: -5, max: 30 }), { nil: null }),
  countyDays: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
  asOfAgo: fc.integer({ min: 0, max: 30 }),
});

describe('training flags: SQL = the pure rules', () => {
  test('for random scenarios, as of random days', async ({ t }) => {
    const db = t.database.db;
    const tz = (await readSettings(db)).timezone;
    const now = Date.now();
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const todayIs = today(tz);
        await writeAreaOverride(db, '62', { ...NO_OWN_RULES, backboneDue: s.backboneDueAgo === null ? null : addDays(todayIs, -s.backboneDueAgo) });
        await writeAreaOverride(db, '621223', { ...NO_OWN_RULES, backboneDue: s.countyDueAgo === null ? null : addDays(todayIs, -s.countyDueAgo), reportBackDays: s.countyDays });
        const made = [];
        for (const tr of s.trainings) {
          const endsAt = new Date(now - tr.endedDaysAgo * DAY - tr.hour * 3600_000);
          const [row] = await db
            .insert(trainings)
            .values({ title: 'x', topics: tr.topics, organiser: 'o', venue: 'v', startsAt: new Date(endsAt.getTime() - 3600_000), endsAt, required: {}, signSecret: 's', closedAt: tr.closedHoursAfter === null ? null : new Date(endsAt.getTime() + tr.closedHoursAfter * 3600_000) })
            .returning();
          made.push(row!);
        }
        const ids: string[] = [];
        const expected = new Map<string, ReturnType<typeof trainingFlags>>();
        const overrides = await readAreaOverrides(db);
        const asOf = addDays(todayIs, -s.asOfAgo);
        for (const u of s.units) {
          const createdAt = new Date(now - u.addedDaysAgo * DAY);
          const [unit] = await db.insert(units).values({ code: uniq('T'), name: 'u', kind: 'department', areaCode: u.area, createdAt, ...progressColumns(initialProgress(createdAt.toISOString())) }).returning();
          ids.push(unit!.id);
          if (u.primary !== 'none') await db.insert(backbones).values({ unitId: unit!.id, kind: 'primary', name: 'p', since: '2026-01-01', endedAt: u.primary === 'ended' ? '2026-02-01' : null });
          const seen = new Set<number>();
          const enrolments: UnitTrainingFacts['enrolments'] = [];
          for (const e of u.enrolments) {
            if (seen.has(e.training)) continue;
            seen.add(e.training);
            const tr = made[e.training]!;
            await db.insert(trainingAttendance).values({ trainingId: tr.id, unitId: unit!.id, status: e.status });
            if (e.report) await db.insert(reportBacks).values({ trainingId: tr.id, unitId: unit!.id, reportedOn: '2026-01-01', leader: 'l', form: 'meeting', colleaguesReached: 1, summary: 's', status: e.report });
            enrolments.push({ trainingId: tr.id, topics: tr.topics, lastDay: dayOf(tr.endsAt, tz), closedOn: tr.closedAt ? dayOf(tr.closedAt, tz) : null, status: e.status, reportBack: e.report });
          }
          const rules = effectiveAreaRules(await readSettings(db), overrides, u.area).rules;
          expected.set(unit!.id, trainingFlags({ hasPrimary: u.primary === 'current', backboneDue: backboneDueOf(rules.backboneDue ?? null, addedOn(createdAt, tz), rules), reportBackDays: rules.reportBackDays ?? 10, enrolments }, asOf));
        }
        const ctx = await reportContext(db, asOf);
        // the whole installation's and a province's flags are read by sets, a county's per unit
        // (training-flags.ts trainingFlagsJoin): each says what the pure rules say
        const byFilter = async (filter: { area?: string }) => new Map((await trainingFlagRows(db, ctx, filter)).filter((r) => ids.includes(r.id)).map((r) => [r.id, r]));
        const whole = await byFilter({});
        const province = await byFilter({ area: '62' });
        const counties = new Map(await Promise.all(AREAS.map(async (a) => [a, await byFilter({ area: a })] as const)));
        for (const [i, id] of ids.entries()) {
          const row = whole.get(id);
          expect(counties.get(s.units[i]!.area)!.get(id), 'a county\'s rows (per unit) = the whole installation\'s (by sets)').toEqual(row);
          expect(province.get(id), 'a province\'s rows').toEqual(row);
          const got = [
            ...(row?.d_report_back_overdue != null ? [{ category: 'report_back_overdue', stage: 'training', daysLate: Number(row.d_report_back_overdue) }] : []),
            ...(row?.d_training_absent != null ? [{ category: 'training_absent', stage: 'training', daysLate: Number(row.d_training_absent) }] : []),
            ...(row?.d_no_backbone != null ? [{ category: 'no_backbone', stage: 'training', daysLate: Number(row.d_no_backbone) }] : []),
          ];
          expect(got).toEqual(expected.get(id));
        }
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});

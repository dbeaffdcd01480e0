// The training flags' SQL (db/queries/reports/training-flags.ts) says exactly what the pure rules
// (shared/domain/training-flags.ts) say, for random backbones, trainings (closed or not), attendance
// and report-backs, areas setting their own backboneDue and reportBackDays, and past days asked about.
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { backbones, reportBacks, trainingAttendance, trainings, units } from '../../db/schema/index.js';
import { progressColumns } from '../../db/queries/units.js';
import { readAreaOverrides, writeAreaOverride } from '../../db/queries/settings.js';
import { trainingFlagRows, type TrainingFlagRow } from '../../db/queries/reports/training-flags.js';
import { and, eq, isNull } from 'drizzle-orm';
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

/** a change made after the scenario is stored: the units' stored facts (migration 0027) must follow */
const change = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), unit: fc.nat(4), training: fc.nat(3), status: fc.constantFrom('invited', 'attended', 'absent', 'excused') }),
  fc.record({ kind: fc.constant('report' as const), unit: fc.nat(4), training: fc.nat(3), report: fc.constantFrom(null, 'submitted', 'accepted', 'returned') }),
  fc.record({ kind: fc.constant('primary' as const), unit: fc.nat(4), primary: fc.constantFrom('none', 'current', 'ended') }),
  fc.record({ kind: fc.constant('topics' as const), training: fc.nat(3), topics: fc.subarray([...TOPICS], { minLength: 1 }) }),
  fc.record({ kind: fc.constant('close' as const), training: fc.nat(3) }),
  fc.record({ kind: fc.constant('unenrol' as const), unit: fc.nat(4), training: fc.nat(3) }),
);

type Status = 'invited' | 'attended' | 'absent' | 'excused';
type Report = null | 'submitted' | 'accepted' | 'returned';

describe('training flags: SQL = the pure rules', () => {
  test('for random scenarios, as of random days and today, before and after random changes', async ({ t }) => {
    const db = t.database.db;
    const tz = (await readSettings(db)).timezone;
    const now = Date.now();
    await fc.assert(
      fc.asyncProperty(scenario, fc.array(change, { maxLength: 6 }), async (s, changes) => {
        const todayIs = today(tz);
        await writeAreaOverride(db, '62', { ...NO_OWN_RULES, backboneDue: s.backboneDueAgo === null ? null : addDays(todayIs, -s.backboneDueAgo) });
        await writeAreaOverride(db, '621223', { ...NO_OWN_RULES, backboneDue: s.countyDueAgo === null ? null : addDays(todayIs, -s.countyDueAgo), reportBackDays: s.countyDays });
        const made: (typeof trainings.$inferSelect)[] = [];
        for (const tr of s.trainings) {
          const endsAt = new Date(now - tr.endedDaysAgo * DAY - tr.hour * 3600_000);
          // a training is closed at the moment the office closes it: never after now
          const closedAt = tr.closedHoursAfter === null ? null : new Date(Math.min(now - 1000, endsAt.getTime() + tr.closedHoursAfter * 3600_000));
          const [row] = await db
            .insert(trainings)
            .values({ title: 'x', topics: tr.topics, organiser: 'o', venue: 'v', startsAt: new Date(endsAt.getTime() - 3600_000), endsAt, required: {}, signSecret: 's', closedAt })
            .returning();
          made.push(row!);
        }
        // the model: each unit's primary and enrolments, changed alongside the database
        const model: { id: string; area: string; createdAt: Date; primary: string; enrolled: Map<number, { status: Status; report: Report }> }[] = [];
        const overrides = await readAreaOverrides(db);
        for (const u of s.units) {
          const createdAt = new Date(now - u.addedDaysAgo * DAY);
          const [unit] = await db.insert(units).values({ code: uniq('T'), name: 'u', kind: 'department', areaCode: u.area, createdAt, ...progressColumns(initialProgress(createdAt.toISOString())) }).returning();
          if (u.primary !== 'none') await db.insert(backbones).values({ unitId: unit!.id, kind: 'primary', name: 'p', since: '2026-01-01', endedAt: u.primary === 'ended' ? '2026-02-01' : null });
          const enrolled = new Map<number, { status: Status; report: Report }>();
          for (const e of u.enrolments) {
            if (enrolled.has(e.training)) continue;
            enrolled.set(e.training, { status: e.status, report: e.report });
            await db.insert(trainingAttendance).values({ trainingId: made[e.training]!.id, unitId: unit!.id, status: e.status });
            if (e.report) await db.insert(reportBacks).values({ trainingId: made[e.training]!.id, unitId: unit!.id, reportedOn: '2026-01-01', leader: 'l', form: 'meeting', colleaguesReached: 1, summary: 's', status: e.report });
          }
          model.push({ id: unit!.id, area: u.area, createdAt, primary: u.primary, enrolled });
        }
        const ids = model.map((m) => m.id);
        const expectedOf = (m: (typeof model)[number], asOf: string) => {
          const rules = effectiveAreaRules(settingsNow!, overrides, m.area).rules;
          const enrolments: UnitTrainingFacts['enrolments'] = [...m.enrolled].map(([i, e]) => {
            const tr = made[i]!;
            return { trainingId: tr.id, topics: tr.topics, lastDay: dayOf(tr.endsAt, tz), closedOn: tr.closedAt ? dayOf(tr.closedAt, tz) : null, status: e.status, reportBack: e.report };
          });
          return trainingFlags({ hasPrimary: m.primary === 'current', backboneDue: backboneDueOf(rules.backboneDue ?? null, addedOn(m.createdAt, tz), rules), reportBackDays: rules.reportBackDays ?? 10, enrolments }, asOf);
        };
        const settingsNow = await readSettings(db);
        const flagsOf = (row: TrainingFlagRow | undefined) => [
          ...(row?.d_report_back_overdue != null ? [{ category: 'report_back_overdue', stage: 'training', daysLate: Number(row.d_report_back_overdue) }] : []),
          ...(row?.d_training_absent != null ? [{ category: 'training_absent', stage: 'training', daysLate: Number(row.d_training_absent) }] : []),
          ...(row?.d_no_backbone != null ? [{ category: 'no_backbone', stage: 'training', daysLate: Number(row.d_no_backbone) }] : []),
        ];
        // the whole installation's and a province's flags are read by sets, a county's per unit,
        // today's from the units' stored facts (training-flags.ts trainingFlagsJoin): each says
        // what the pure rules say
        const check = async (asOf: string, when: string) => {
          const ctx = await reportContext(db, asOf);
          const byFilter = async (filter: { area?: string }) => new Map((await trainingFlagRows(db, ctx, filter)).filter((r) => ids.includes(r.id)).map((r) => [r.id, r]));
          const whole = await byFilter({});
          const province = await byFilter({ area: '62' });
          const counties = new Map(await Promise.all(AREAS.map(async (a) => [a, await byFilter({ area: a })] as const)));
          for (const m of model) {
            const row = whole.get(m.id);
            expect(counties.get(m.area as (typeof AREAS)[number])!.get(m.id), `${when}: a county's rows = the whole installation's`).toEqual(row);
            expect(province.get(m.id), `${when}: a province's rows`).toEqual(row);
            expect(flagsOf(row), `${when}, as of ${asOf}`).toEqual(expectedOf(m, asOf));
          }
        };
        const asOf = addDays(todayIs, -s.asOfAgo);
        await check(asOf, 'as stored');
        await check(todayIs, 'as stored');

        for (const c of changes) {
          const m = c.kind === 'topics' || c.kind === 'close' ? undefined : model[c.kind === 'primary' ? c.unit % model.length : c.unit % model.length];
          if (c.kind === 'status' || c.kind === 'report' || c.kind === 'unenrol') {
            const e = m!.enrolled.get(c.training);
            if (!e) continue;
            const tr = made[c.training]!;
            const where = and(eq(trainingAttendance.trainingId, tr.id), eq(trainingAttendance.unitId, m!.id));
            if (c.kind === 'status') {
              await db.update(trainingAttendance).set({ status: c.status }).where(where);
              e.status = c.status;
            } else if (c.kind === 'unenrol') {
              await db.delete(reportBacks).where(and(eq(reportBacks.trainingId, tr.id), eq(reportBacks.unitId, m!.id)));
              await db.delete(trainingAttendance).where(where);
              m!.enrolled.delete(c.training);
            } else {
              await db.delete(reportBacks).where(and(eq(reportBacks.trainingId, tr.id), eq(reportBacks.unitId, m!.id)));
              if (c.report) await db.insert(reportBacks).values({ trainingId: tr.id, unitId: m!.id, reportedOn: '2026-01-01', leader: 'l', form: 'meeting', colleaguesReached: 1, summary: 's', status: c.report });
              e.report = c.report;
            }
          } else if (c.kind === 'primary') {
            await db.update(backbones).set({ endedAt: '2026-02-01' }).where(and(eq(backbones.unitId, m!.id), isNull(backbones.endedAt)));
            if (c.primary !== 'none') await db.insert(backbones).values({ unitId: m!.id, kind: 'primary', name: 'q', since: '2026-03-01', endedAt: c.primary === 'ended' ? '2026-04-01' : null });
            m!.primary = c.primary === 'current' ? 'current' : 'none';
          } else if (c.kind === 'topics') {
            const [row] = await db.update(trainings).set({ topics: c.topics }).where(eq(trainings.id, made[c.training]!.id)).returning();
            made[c.training] = row!;
          } else {
            const [row] = await db.update(trainings).set({ closedAt: new Date() }).where(and(eq(trainings.id, made[c.training]!.id), isNull(trainings.closedAt))).returning();
            if (row) made[c.training] = row;
          }
        }
        await check(todayIs, 'after the changes');
        await check(asOf, 'after the changes');
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});

// The roll-up (GET /api/reports/areas) at every level, today and as of a past day, equals the
// per-unit rules summed over each child: units, onboarded, each stage's done, laggards and their
// categories, with each unit's own county's deadlines; and it ranks by ROLLUP_RANK. The people's
// half too: each unit's backbone, attendance at two trainings and report-back make the training
// flags (shared/domain/training-flags.ts) and the rows' `training` numbers, counted by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backbones, reportBacks, steps as stepsTable, trainingAttendance, trainings, units } from '../../db/schema/index.js';
import { progressColumns } from '../../db/queries/units.js';
import { inScope } from '../../shared/domain/areas.js';
import { addDays, today } from '../../shared/domain/dates.js';
import { addedBy, addedOn, backboneDueOf, effectiveAreaRules, effectiveDeadlines, NO_OWN_RULES, type AreaOwnRules } from '../../shared/domain/deadlines.js';
import { LAGGARD_CATEGORIES, laggardAsOf, progressAsOf, type LaggardCategory, type StepRecord } from '../../shared/domain/laggards.js';
import { reviewOverdue, reviewWaitAsOf } from '../../shared/domain/review.js';
import { allowedSteps, applyStep, deriveProgress, initialProgress } from '../../shared/domain/progress.js';
import { rankRollup } from '../../shared/domain/rollup.js';
import type { StepType } from '../../shared/domain/steps.js';
import { reportBackDue } from '../../shared/domain/training.js';
import { trainingFlags, type UnitTrainingFacts } from '../../shared/domain/training-flags.js';
import { dayOf } from '../../shared/domain/dates.js';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/schemas/settings.js';
import type { RollupResponse } from '../../shared/schemas/areas.js';
import { uniq, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

let t: TestApp;
let office: Agent;
test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});

const DAY = 86_400_000;
/** two provinces, three cities, four counties, and units without a county */
const COUNTIES = ['621223', '621202', '620102', '110101', null] as const;
const OVERRIDES = ['62', '6212', '621202', '11'] as const;
const TZ = DEFAULT_SETTINGS.timezone;

const DATA: Partial<Record<StepType, Record<string, string>>> = {
  'wiring.scheduled': { plannedDate: '2026-01-01' },
  'connection.scheduled': { plannedDate: '2026-01-01' },
  'registration.submitted': { platformRef: 'SQ-1' },
  'registration.rejected': { reason: '材料不全' },
  'wiring.refused': { reason: '理由' },
  'wiring.postponed': { reason: '理由' },
  'connection.postponed': { reason: '理由' },
};

const unitCase = fc.record({
  area: fc.constantFrom(...COUNTIES),
  kind: fc.constantFrom('township', 'department', 'other') as fc.Arbitrary<'township' | 'department' | 'other'>,
  wiringDue: fc.option(fc.integer({ min: -40, max: 5 }), { nil: null }),
  moves: fc.array(fc.record({ pick: fc.nat(50), daysAgo: fc.integer({ min: 0, max: 50 }) }), { maxLength: 10 }),
  // the people: a backbone named, at the closed training 20 days ago and the open one 2 days ago, and a report-back on the first
  people: fc.record({
    primary: fc.boolean(),
    first: fc.constantFrom(null, 'attended', 'absent', 'excused'),
    second: fc.constantFrom(null, 'invited', 'attended'),
    report: fc.constantFrom(null, 'submitted', 'accepted', 'returned'),
    reportedAgo: fc.integer({ min: 0, max: 20 }),
  }),
  /** "The record": added long before every due date, or among them (a late joiner), or after the past day asked for */
  addedMinutesAgo: fc.oneof(fc.constant(60 * 24 * 60), fc.integer({ min: 0, max: 45 * 24 * 60 })),
});
const offset = fc.option(fc.integer({ min: -40, max: 5 }), { nil: null });
const scenario = fc.record({
  units: fc.array(unitCase, { minLength: 1, maxLength: 8 }),
  pastDays: fc.integer({ min: 1, max: 40 }),
  wiringDue: offset,
  connectionDue: offset,
  areas: fc.tuple(
    ...OVERRIDES.map(() =>
      fc.option(
        fc.record({
          wiringDue: offset,
          connectionDue: offset,
          registrationGraceDays: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
          stallDays: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
          postponementLimit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
          // "The record": a county's own review limit makes reviewOverdue per unit
          reviewDays: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
          // a county's own days to report back make "on time" per unit
          reportBackDays: fc.option(fc.integer({ min: 1, max: 25 }), { nil: null }),
          lateJoinWiringDays: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
          lateJoinConnectionDays: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
        }),
        { nil: null },
      ),
    ),
  ),
});

function history(moves: { pick: number; daysAgo: number }[], now: number): StepRecord[] {
  const out: StepRecord[] = [];
  // oldest first: a history's steps follow one another in time
  for (const m of [...moves].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const allowed = allowedSteps(deriveProgress(out), 'office', true);
    if (!allowed.length) break;
    const type = allowed[m.pick % allowed.length];
    out.push({ type, occurredAt: new Date(now - m.daysAgo * DAY - (50 - out.length) * 60_000).toISOString(), seq: out.length + 1, data: DATA[type] ?? {}, voided: false });
  }
  return out;
}

interface Made {
  areaCode: string | null;
  kind: string;
  code: string;
  createdAt: string;
  history: StepRecord[];
  wiringDue: string | null;
  connectionDue: string | null;
  hasPrimary: boolean;
  enrolments: UnitTrainingFacts['enrolments'];
  /** the accepted report-back's day, if any */
  acceptedOn: string | null;
}

type Figures = Omit<RollupResponse['items'][number], 'area' | 'rank' | 'onboardedShare'>;

/** The per-unit rules summed over some units. */
function expected(list: readonly Made[], settings: Settings, own: ReadonlyMap<string, AreaOwnRules>, day: string): Figures {
  const byCategory = Object.fromEntries(LAGGARD_CATEGORIES.map((c) => [c, 0])) as Record<LaggardCategory, number>;
  const training = { units: 0, backboneNamed: 0, trained: 0, reportedBack: 0, reportedOnTime: 0, absent: 0 };
  const f = { totalUnits: 0, onboarded: 0, laggards: 0, stages: { wiring: { done: 0 }, connection: { done: 0 }, registration: { done: 0 } }, byCategory, reviewOverdue: 0, training };
  for (const u of list.filter((x) => addedBy(addedOn(x.createdAt, TZ), day))) {
    const rules = effectiveAreaRules(settings, own, u.areaCode).rules;
    const p = progressAsOf(u.history, day, TZ);
    f.totalUnits++;
    if (p.registration.status === 'done') f.onboarded++;
    for (const s of ['wiring', 'connection', 'registration'] as const) if (p[s].status === 'done') f.stages[s].done++;
    const people = trainingFlags({ hasPrimary: u.hasPrimary, backboneDue: backboneDueOf(rules.backboneDue ?? null, addedOn(u.createdAt, TZ), rules), reportBackDays: rules.reportBackDays ?? 10, enrolments: u.enrolments }, day);
    const flags = [...laggardAsOf(u.history, effectiveDeadlines(u, rules, addedOn(u.createdAt, TZ)), rules, day).flags, ...people];
    training.units++;
    if (u.hasPrimary) training.backboneNamed++;
    if (u.enrolments.some((e) => e.status === 'attended')) training.trained++;
    if (u.acceptedOn) training.reportedBack++;
    if (u.acceptedOn && u.acceptedOn <= reportBackDue(`${u.enrolments[0].lastDay}T12:00:00+08:00`, TZ, rules.reportBackDays ?? 10)) training.reportedOnTime++;
    if (people.some((x) => x.category === 'training_absent')) training.absent++;
    if (flags.length) f.laggards++;
    for (const c of new Set(flags.map((x) => x.category))) byCategory[c]++;
    // "The record": the child's office's backlog of reviews
    if (reviewOverdue(reviewWaitAsOf(u.history, p, TZ, day), rules.reviewDays)) f.reviewOverdue++;
  }
  return f;
}

describe('the roll-up equals the per-unit rules summed over each child', () => {
  const all: Made[] = [];

  it('at every level, today and as of a past day', async () => {
    // two trainings of one topic: one closed 20 days ago, one that ended 2 days ago and is still open
    const made = [];
    for (const [ago, closed] of [[20, true], [2, false]] as const) {
      const endsAt = new Date(Date.now() - ago * DAY);
      const [row] = await t.database.db
        .insert(trainings)
        .values({ title: 'x', topics: ['network'], organiser: 'o', venue: 'v', startsAt: new Date(endsAt.getTime() - 3600_000), endsAt, required: {}, signSecret: 's', closedAt: closed ? new Date(endsAt.getTime() + 3600_000) : null })
        .returning();
      made.push(row!);
    }
    const [first, second] = made;
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const now = Date.now() - 60_000;
        const day0 = today(TZ);
        const due = (n: number | null) => (n === null ? null : addDays(day0, n));
        const settings: Settings = { ...DEFAULT_SETTINGS, wiringDue: due(s.wiringDue), connectionDue: due(s.connectionDue) };
        expect((await office.put('/api/settings', settings)).statusCode).toBe(200);
        const own = new Map<string, AreaOwnRules>();
        for (const [i, code] of OVERRIDES.entries()) {
          const o = s.areas[i];
          const values: AreaOwnRules = o ? { ...NO_OWN_RULES, ...o, wiringDue: due(o.wiringDue), connectionDue: due(o.connectionDue) } : NO_OWN_RULES;
          if (Object.values(values).some((v) => v !== null)) own.set(code, values);
          expect((await office.put(`/api/settings?area=${code}`, values)).statusCode).toBe(200);
        }
        for (const c of s.units) {
          const steps = history(c.moves, now);
          const createdAt = new Date(now - c.addedMinutesAgo * 60_000);
          const progress = steps.reduce(applyStep, initialProgress(createdAt.toISOString()));
          const code = uniq('R');
          const [unit] = await t.database.db
            .insert(units)
            .values({ code, name: code, kind: c.kind, areaCode: c.area, wiringDue: due(c.wiringDue), createdAt, stepCount: steps.length, ...progressColumns(progress) })
            .returning();
          if (steps.length) {
            await t.database.db.insert(stepsTable).values(
              steps.map((h) => ({ unitId: unit.id, seq: h.seq, type: h.type, stage: h.type.split('.')[0], occurredAt: new Date(h.occurredAt), actorName: 'rollup', actorRole: 'office', data: h.data ?? {}, voided: false })),
            );
          }
          const p = c.people;
          if (p.primary) await t.database.db.insert(backbones).values({ unitId: unit.id, kind: 'primary', name: 'p', since: '2026-01-01' });
          const enrolments: UnitTrainingFacts['enrolments'] = [];
          let acceptedOn: string | null = null;
          for (const [tr, status] of [[first, p.first], [second, p.second]] as const) {
            if (!status) continue;
            await t.database.db.insert(trainingAttendance).values({ trainingId: tr.id, unitId: unit.id, status });
            const report = tr === first && status === 'attended' ? p.report : null;
            const reportedOn = addDays(day0, -p.reportedAgo);
            if (report) await t.database.db.insert(reportBacks).values({ trainingId: tr.id, unitId: unit.id, reportedOn, leader: 'l', form: 'meeting', colleaguesReached: 1, summary: 's', status: report });
            if (report === 'accepted') acceptedOn = reportedOn;
            enrolments.push({ trainingId: tr.id, topics: tr.topics, lastDay: dayOf(tr.endsAt, TZ), closedOn: tr.closedAt ? dayOf(tr.closedAt, TZ) : null, status, reportBack: report });
          }
          all.push({ areaCode: c.area, kind: c.kind, code, createdAt: createdAt.toISOString(), history: steps, wiringDue: unit.wiringDue, connectionDue: unit.connectionDue, hasPrimary: p.primary, enrolments, acceptedOn });
        }

        for (const day of [day0, addDays(day0, -s.pastDays)]) {
          // walk the tree from the top: every child with units is drilled into
          const queue: (string | null)[] = [null];
          while (queue.length) {
            const parent = queue.shift()!;
            const res = await office.get(`/api/reports/areas?asOf=${day}${parent ? `&parent=${parent}` : ''}`);
            expect(res.statusCode, res.body).toBe(200);
            const body = res.json() as RollupResponse;
            expect(body.asOf).toBe(day);
            expect(body.parent?.code ?? null).toBe(parent);
            // a unit added after the day is in no report of it ("The record")
            const under = all.filter((u) => inScope(parent, u.areaCode) && addedBy(addedOn(u.createdAt, TZ), day));
            let sum = 0;
            for (const row of body.items) {
              const mine =
                row.area.level === 'kind' ? under.filter((u) => u.kind === row.area.code) : row.area.level === 'unplaced' ? under.filter((u) => u.areaCode === null) : under.filter((u) => inScope(row.area.code, u.areaCode));
              // the 督办 counts are notices, not the units' figures: tests/api/notices.dubang.test.ts holds them
              const { area: _a, rank: _r, onboardedShare, scorecard: _s, previous, dubang: _d, ...figures } = row;
              const want = expected(mine, settings, own, day);
              expect(figures, `${parent ?? 'top'} › ${row.area.code} as of ${day}`).toEqual(want);
              // the week before (compareDays' default), by the same rules as of that day
              const { rank: _pr, onboardedShare: _ps, ...then } = previous!;
              // the week before carries the figures, not the review backlog (a today's matter)
                const { reviewOverdue: _ro, training: _tr, ...wantThen } = expected(mine, settings, own, addDays(day, -7));
                expect(then, `${parent ?? 'top'} › ${row.area.code} as of ${day} − 7`).toEqual(wantThen);
              expect(onboardedShare).toBe(want.totalUnits ? want.onboarded / want.totalUnits : 0);
              sum += row.totalUnits;
              if (row.totalUnits > 0 && (row.area.level === 'province' || row.area.level === 'city')) queue.push(row.area.code);
            }
            // the children cover the parent exactly
            expect(sum, `${parent ?? 'top'} as of ${day}`).toBe(under.length);
            // ranked by the rule: areas first by ROLLUP_RANK, unplaced after them
            const areasOnly = body.items.filter((r) => r.area.level !== 'unplaced');
            expect(areasOnly.map((r) => r.area.code)).toEqual(rankRollup(areasOnly.map((r) => ({ ...r, code: r.area.code }))).map((r) => r.code));
            expect(body.items.map((r) => r.rank)).toEqual(body.items.map((_, i) => i + 1));
          }
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 15) },
    );
  }, 240_000);
});

// Random histories through the real API: whatever mix of allowed, refused and voided steps a
// unit sees, its stored progress (the object and its columns) equals what its live steps derive,
// and every refusal is a 409. Which steps are refused is told by a model kept here from the
// domain table (STEP_RULES), not by the service's own check.
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { units } from '../../db/schema/index.js';
import { progressFacts } from '../../db/queries/units.js';
import { deriveProgress } from '../../shared/domain/progress.js';
import { STAGES, STEP_RULES, STEP_TYPES, type Stage, type StageStatus, type StepType } from '../../shared/domain/steps.js';
import { test } from '../helpers/fixture.js';
import { BODIES } from '../helpers/steps.js';

// the app and its agent are made in a hook's time, not the property's: on a loaded machine the
// property alone takes half of a test's 30 s
test.beforeAll(async ({ office }) => void office);

/** Each stage's status after the live steps, every step setting its stage to its rule's status. */
function modelOf(live: StepType[]): Record<Stage, StageStatus> {
  const state: Record<Stage, StageStatus> = { wiring: 'pending', connection: 'pending', registration: 'pending' };
  for (const type of live) state[STEP_RULES[type].stage] = STEP_RULES[type].status;
  return state;
}

/**
 * Whether the table refuses `type` after the live steps: a stage waits for the one before it to
 * be done and takes nothing once done; a registration is submitted (in progress) once at a time,
 * and only a submitted one is verified or rejected.
 */
function refusedByTable(live: StepType[], type: StepType): boolean {
  const state = modelOf(live);
  const { stage } = STEP_RULES[type];
  const before = STAGES[STAGES.indexOf(stage) - 1];
  if (before && state[before] !== 'done') return true;
  if (stage !== 'registration') return state[stage] === 'done';
  const submitted = STEP_RULES['registration.submitted'].status;
  if (type === 'registration.submitted') return state.registration === 'done' || state.registration === submitted;
  return state.registration !== submitted;
}

const action = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...STEP_TYPES).map((type) => ({ kind: 'step' as const, type })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'void' as const }) },
);

describe('stored progress', () => {
  test('always equals the progress derived from the live steps, and the API refuses what the step table refuses', async ({ t, office }) => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 14 }), async (actions) => {
        const unit = await t.unit();
        let latest: { id: string; type: StepType }[] = [];
        for (const a of actions) {
          if (a.kind === 'void') {
            const res = await office.post(`/api/events/${latest.at(-1)?.id ?? '00000000-0000-0000-0000-000000000000'}/void`, { reason: 'x' });
            expect(res.statusCode).toBe(latest.length ? 200 : 404);
            latest = latest.slice(0, -1);
            continue;
          }
          const res = await office.post(`/api/units/${unit.id}/events`, BODIES[a.type]);
          const expected = refusedByTable(latest.map((s) => s.type), a.type as StepType) ? 409 : 201;
          expect(res.statusCode, `${a.type} after ${latest.map((s) => s.type).join(', ') || 'nothing'}: ${res.body}`).toBe(expected);
          if (res.statusCode === 201) latest.push({ id: res.json().event.id, type: a.type as StepType });
        }
        const history = (await office.get(`/api/units/${unit.id}/events?pageSize=500`)).json().items;
        const live = history.filter((s: { voided: boolean }) => !s.voided);
        const stored = (await office.get(`/api/units/${unit.id}`)).json().unit.progress;
        const derived = deriveProgress(live, new Date(unit.createdAt).toISOString());
        expect(stored).toEqual(derived);
        // and the plain columns the lists and reports read say the same
        const [row] = await t.database.db.select().from(units).where(eq(units.id, unit.id));
        const instant = (x: Date | string | null) => (x === null ? null : new Date(x).toISOString());
        const facts = progressFacts(derived);
        expect({
          ...facts,
          lastEventAt: instant(facts.lastEventAt),
          refusedAt: instant(facts.refusedAt),
          firstPostponedAt: instant(facts.firstPostponedAt),
          connectionAt: instant(facts.connectionAt),
        }).toEqual({
          wiringStatus: row.wiringStatus,
          connectionStatus: row.connectionStatus,
          registrationStatus: row.registrationStatus,
          onboarded: row.onboarded,
          lastEventAt: instant(row.lastEventAt),
          refusedAt: instant(row.refusedAt),
          postponements: row.postponements,
          firstPostponedAt: instant(row.firstPostponedAt),
          connectionAt: instant(row.connectionAt),
        });
      }),
      { numRuns: 25 },
    );
  });
});

// Races between a change to an account and what that account is doing at the same moment, on
// the real database. Each runs many trials with the two requests staggered by a random few
// milliseconds: a check that holds only for lucky timing fails here within a handful of trials.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../db/schema/index.js';
import { hashPassword } from '../../server/lib/password.js';
import { uniq, type Agent, type TestApp } from '../helpers/app.js';
import { appTest } from '../helpers/fixture.js';

const TRIALS = 30;
// A login hashes for a while between reading the user and creating its session: with cost 13
// (8 MiB, some 20-60 ms here) that window is wide enough for a reset to land inside it.
const COST = '13';
const OLD = 'old password 1';

let t: TestApp;
let office: Agent;
let oldHash: string;
const test = appTest({ PASSWORD_COST: COST, LOGIN_MAX_FAILURES_PER_IP: '10000', LOGIN_MAX_FAILURES_PER_USER: '10000' });
test.beforeAll(async ({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
  oldHash = await hashPassword(OLD, Number(COST));
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a password reset during a login with the old password', () => {
  it(`leaves no working session made with the old password, in ${TRIALS} staggered trials`, { timeout: 120_000 }, async () => {
    const survivors: number[] = [];
    /** trials whose login read the old password before the reset committed: the race window hit */
    const inWindow: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const username = uniq('race-');
      const [user] = await t.database.db.insert(users).values({ username, usernameKey: username, displayName: username, role: 'viewer', passwordHash: oldHash }).returning();
      // the reset first, the login a moment later: it reads the user before the reset commits
      // and hashes while the reset commits
      const reset = office.patch(`/api/users/${user.id}`, { password: `new password ${trial}` });
      await pause(Math.random() * 15);
      const login = t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: OLD }, remoteAddress: `10.77.0.${trial}` });
      expect((await reset).statusCode).toBe(200);
      const res = await login;
      if (res.statusCode !== 200) continue; // refused after the reset: fine, but no race was run
      inWindow.push(trial);
      const cookie = String(res.headers['set-cookie']).split(';')[0];
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      if (me.statusCode === 200) survivors.push(trial);
    }
    expect(survivors, `trials that left an old-password session working: ${survivors.length} of ${TRIALS}`).toEqual([]);
    // without a login inside the window the trials above proved nothing
    expect(inWindow.length, `trials whose old-password login raced the reset, of ${TRIALS}`).toBeGreaterThan(0);
  });
});

describe('the last active office account', () => {
  it(`"A demotes A" and "B disables B" at once: exactly one succeeds, in ${TRIALS} trials`, { timeout: 120_000 }, async () => {
    const lost: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      // A and B are the only active office users of this database
      await t.database.db.update(users).set({ disabled: true }).where(and(eq(users.role, 'office'), eq(users.disabled, false)));
      const a = await t.as('office');
      const b = await t.as('office');
      // sent together, in either order
      const [first, second] = trial % 2 ? [a, b] : [b, a];
      const change = (agent: Agent) => agent.patch(`/api/users/${agent.user.id}`, agent === a ? { role: 'viewer' } : { disabled: true });
      const statuses = (await Promise.all([change(first), change(second)])).map((r) => r.statusCode).sort();
      const active = await t.database.db.select({ id: users.id }).from(users).where(and(eq(users.role, 'office'), eq(users.disabled, false)));
      if (active.length === 0) lost.push(trial);
      else expect(statuses).toEqual([200, 409]);
    }
    expect(lost, `trials that left no active office user: ${lost.length} of ${TRIALS}`).toEqual([]);
  });
});

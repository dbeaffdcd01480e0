// Usernames are one account whatever form they are typed in: created, logged into and throttled
// by one key made in JavaScript (shared/domain/usernames.ts), on either database.
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { audit } from '../../db/schema/index.js';
import { errorOf, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { appTest } from '../helpers/fixture.js';
import { disguised, plainName } from '../helpers/lookalikes.js';

const test = appTest({ LOGIN_MAX_FAILURES_PER_USER: '3', LOGIN_MAX_FAILURES_PER_IP: '10000' });

const PASSWORD = 'long enough 1';
const create = (office: Agent, username: string) => office.post('/api/users', { username, displayName: '测试', role: 'viewer', password: PASSWORD });
const login = (t: TestApp, username: string, password = PASSWORD) => t.anonymous.post('/api/auth/login', { username, password });
/** a fresh ASCII suffix, so each test's names are its own */
const tag = () => uniq().replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]);

describe('look-alike usernames', () => {
  test.for([
    ['ΟΔΥΣΣΕΥΣ', 'Greek, final sigma', ['ΟΔΥΣΣΕΥΣ', 'οδυσσευς', 'Οδυσσευσ']],
    ['İlker', 'Turkish dotted İ', ['İlker', 'ilker', 'ILKER', 'ılker']],
    ['José', 'typed in NFD', ['Jose\u0301', 'josé', 'JOSÉ']],
    ['admin', 'full-width', ['ａｄｍｉｎ', 'ＡＤＭＩＮ', 'Admin']],
  ])('%s (%s): logs in by every form of the name, and no look-alike can be created', async ([name, _what, forms], { t, office }) => {
    const suffix = tag();
    const created = await create(office, `${name}${suffix}`);
    expect(created.statusCode, created.body).toBe(201);
    for (const form of forms) {
      const res = await login(t, `${form}${suffix}`);
      expect(res.statusCode, `log in as ${form}${suffix}`).toBe(200);
      expect(res.json().user.id).toBe(created.json().user.id);
      const twin = await create(office, `${form}${suffix}`);
      expect(twin.statusCode, `create ${form}${suffix}`).toBe(409);
      expect(errorOf(twin).code).toBe('CONFLICT');
    }
  });

  test('an NFD-typed new name is accepted and stored in its composed form', async ({ office }) => {
    const suffix = tag();
    const res = await create(office, `Jose\u0301${suffix}`);
    expect(res.statusCode).toBe(201);
    expect(res.json().user.username).toBe(`José${suffix}`);
  });

  test('a full-width name is stored as the plain letters it stands for', async ({ office }) => {
    const suffix = tag();
    const res = await create(office, `ｗａｎｇ${suffix}`);
    expect(res.statusCode).toBe(201);
    expect(res.json().user.username).toBe(`wang${suffix}`);
  });

  test('counts failed logins against the account, whatever form of its name was typed', async ({ t, office }) => {
    const suffix = tag();
    expect((await create(office, `admin${suffix}`)).statusCode).toBe(201);
    for (const form of ['ADMIN', 'ａｄｍｉｎ', 'Ａｄmin']) expect((await login(t, `${form}${suffix}`, 'wrong password')).statusCode).toBe(401);
    expect((await login(t, `admin${suffix}`)).statusCode).toBe(429);
    const rows = await t.database.db.select().from(audit).where(eq(audit.target, `admin${suffix}`));
    expect(rows.filter((r) => r.action === 'auth.login_failed')).toHaveLength(3);
  });

  test('any look-alike of a new name logs into it, and none can be created beside it (generated)', async ({ t, office }) => {
    await fc.assert(
      fc.asyncProperty(
        plainName.chain((name) => disguised(name).map((other) => [name, other] as const)),
        async ([name, other]) => {
          const suffix = tag();
          const created = await create(office, `${name}${suffix}`);
          expect(created.statusCode, created.body).toBe(201);
          expect((await login(t, `${other}${suffix}`)).json().user?.id).toBe(created.json().user.id);
          expect((await create(office, `${other}${suffix}`)).statusCode).toBe(409);
        },
      ),
      { numRuns: 25, seed: 9 },
    );
  });

  test('an import names a unit’s technician by any form of the username', async ({ office }) => {
    const suffix = tag();
    const tech = await office.post('/api/users', { username: `İlker${suffix}`, displayName: '技术员', role: 'technician', password: PASSWORD });
    expect(tech.statusCode).toBe(201);
    const code = `T${Date.now()}`;
    const csv = `编码,名称,类型,负责技术员\n${code},某单位,部门,ILKER${suffix.toUpperCase()}\n`;
    const res = await office.request('POST', '/api/units/import', csv, { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body).toBe(200);
    const list = (await office.get(`/api/units?q=${code}`)).json();
    expect(list.items[0].assigneeId ?? list.items[0].assignee?.id).toBe(tech.json().user.id);
  });
});


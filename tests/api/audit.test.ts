import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createTestApp, uniq, type Agent, type TestApp } from '../helpers/app.js';

let t: TestApp;
let office: Agent;
beforeAll(async () => {
  t = await createTestApp();
  office = await t.as('office');
});
afterAll(() => t.close());

type Entry = { at: string; actor: { id: string; username: string; role: string } | null; action: string; target: string | null; ip: string | null; details: unknown };
const entries = async (query = '') => (await office.get(`/api/audit?pageSize=500${query}`)).json().items as Entry[];

describe('the audit log', () => {
  it('records every write with who, what, on what and from where, newest first', async () => {
    const { unit } = (await office.post('/api/units', { code: uniq('A'), name: '县审计局', kind: 'department' })).json();
    await office.patch(`/api/units/${unit.id}`, { name: '宕昌县审计局' });
    const { event } = (await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started' })).json();
    await office.post(`/api/events/${event.id}/void`, { reason: '记错' });
    const { user } = (await office.post('/api/users', { username: uniq('u'), displayName: '小王', role: 'viewer', password: 'secret pass 9' })).json();
    await office.patch(`/api/users/${user.id}`, { password: 'another pass 9' });
    await office.put('/api/settings', { timezone: 'Asia/Shanghai', wiringDue: null, connectionDue: null, registrationGraceDays: 7, stallDays: 14, postponementLimit: 2 });
    await office.request('POST', '/api/units/import', `code,name,kind\n${uniq('I')},某单位,other\n`, { 'content-type': 'text/csv' });

    const log = await entries();
    const actions = log.map((e) => e.action);
    for (const a of ['unit.create', 'unit.update', 'step.record', 'step.void', 'user.create', 'user.update', 'settings.update', 'unit.import']) {
      expect(actions).toContain(a);
    }
    const create = log.find((e) => e.action === 'unit.create')!;
    expect(create).toMatchObject({ actor: { id: office.user.id, username: office.user.username, role: 'office' }, target: unit.id, ip: '127.0.0.1' });
    const times = log.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(JSON.stringify(log)).not.toMatch(/secret pass|another pass|scrypt/);
  });

  it('records login attempts, successful and failed', async () => {
    const agent = await t.as('viewer');
    await t.anonymous.post('/api/auth/login', { username: agent.user.username, password: 'wrong one' });
    const log = await entries();
    const mine = log.filter((e) => e.target === agent.user.username.toLowerCase());
    expect(mine.map((e) => e.action).sort()).toEqual(['auth.login', 'auth.login_failed']);
  });

  it('does not record a refused write', async () => {
    const before = (await entries()).length;
    await office.post('/api/units', { name: 'no code' });
    expect((await entries()).length).toBe(before);
  });

  it('filters by action', async () => {
    const log = await entries('&action=unit.create');
    expect(log.length).toBeGreaterThan(0);
    expect(new Set(log.map((e) => e.action))).toEqual(new Set(['unit.create']));
  });

  it('is the office’s alone', async () => {
    for (const role of ['technician', 'unit', 'viewer'] as const) expect((await (await t.as(role)).get('/api/audit')).statusCode).toBe(403);
  });

  it('cannot be changed, not even by SQL: the database refuses UPDATE and DELETE', async () => {
    await expect(t.database.db.execute(sql`update audit set action = 'x'`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit`)).rejects.toThrow();
    expect((await entries()).length).toBeGreaterThan(0);
  });
});

describe('the address it keeps, behind a proxy (TRUST_PROXY)', () => {
  // a client sends "6.6.6.6"; the proxy appends the address it saw, 203.0.113.7
  const forwarded = '6.6.6.6, 203.0.113.7';
  const cases: [string, string][] = [
    ['false', '127.0.0.1'],
    ['true', '6.6.6.6'],
    ['1', '203.0.113.7'],
    ['127.0.0.1, 10.0.0.0/8', '203.0.113.7'],
  ];
  for (const [setting, kept] of cases) {
    it(`TRUST_PROXY=${setting} keeps ${kept}`, async () => {
      const app = await createTestApp({ TRUST_PROXY: setting });
      try {
        const office = await app.as('office');
        const res = await app.app.inject({
          method: 'POST', url: '/api/units', payload: { code: uniq('P'), name: '县审计局', kind: 'department' },
          headers: { cookie: office.cookie, 'x-forwarded-for': forwarded },
        });
        expect(res.statusCode).toBe(201);
        const rows = (await app.database.db.execute(sql`select ip from audit where action = 'unit.create'`)) as unknown as { ip: string }[] | { rows: { ip: string }[] };
        expect((Array.isArray(rows) ? rows : rows.rows).map((r) => r.ip)).toEqual([kept]);
      } finally {
        await app.close();
      }
    });
  }

  it('refuses a setting it cannot read, at start', () => {
    for (const bad of ['yes', '1.2.3', '10.0.0.0/8, proxy.local']) expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be/);
    expect(loadConfig({ TRUST_PROXY: ' 2 ' }).trustProxy).toBe(2);
  });
});

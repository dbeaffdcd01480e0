import { sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { audit } from '../../db/schema/index.js';
import { loadConfig } from '../../server/config.js';
import { createTestApp, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

type Entry = { at: string; actor: { id: string; username: string; role: string } | null; action: string; target: string | null; ip: string | null; details: unknown };
const entries = async (office: Agent, query = '') => (await office.get(`/api/audit?pageSize=500${query}`)).json().items as Entry[];

describe('the audit log', () => {
  test('records every write with who, what, on what and from where, newest first', async ({ office }) => {
    const { unit } = (await office.post('/api/units', { code: uniq('A'), name: '县审计局', kind: 'department' })).json();
    await office.patch(`/api/units/${unit.id}`, { name: '宕昌县审计局' });
    const { event } = (await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started' })).json();
    await office.post(`/api/events/${event.id}/void`, { reason: '记错' });
    const { user } = (await office.post('/api/users', { username: uniq('u'), displayName: '小王', role: 'viewer', password: 'secret pass 9' })).json();
    await office.patch(`/api/users/${user.id}`, { password: 'another pass 9' });
    await office.put('/api/settings', { timezone: 'Asia/Shanghai', wiringDue: null, connectionDue: null, registrationGraceDays: 7, stallDays: 14, postponementLimit: 2 });
    await office.request('POST', '/api/units/import', `code,name,kind\n${uniq('I')},某单位,other\n`, { 'content-type': 'text/csv' });

    const log = await entries(office);
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

  test('records login attempts, successful and failed', async ({ t, office }) => {
    const agent = await t.as('viewer');
    await t.anonymous.post('/api/auth/login', { username: agent.user.username, password: 'wrong one' });
    const log = await entries(office);
    const mine = log.filter((e) => e.target === agent.user.username.toLowerCase());
    expect(mine.map((e) => e.action).sort()).toEqual(['auth.login', 'auth.login_failed']);
  });

  test('does not record a refused write', async ({ office }) => {
    const before = (await entries(office)).length;
    await office.post('/api/units', { name: 'no code' });
    expect((await entries(office)).length).toBe(before);
  });

  test('filters by action', async ({ office }) => {
    const log = await entries(office, '&action=unit.create');
    expect(log.length).toBeGreaterThan(0);
    expect(new Set(log.map((e) => e.action))).toEqual(new Set(['unit.create']));
  });

  test('is the office’s alone', async ({ t }) => {
    for (const role of ['technician', 'unit', 'viewer'] as const) expect((await (await t.as(role)).get('/api/audit')).statusCode).toBe(403);
  });

  test('cannot be changed, not even by SQL: the database refuses UPDATE and DELETE', async ({ t, office }) => {
    await expect(t.database.db.execute(sql`update audit set action = 'x'`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit`)).rejects.toThrow();
    expect((await entries(office)).length).toBeGreaterThan(0);
  });
});

describe('the audit log’s filters and pages', () => {
  type Full = Entry & { unit?: { id: string; code: string; name: string } | null; user?: { id: string; username: string; displayName: string } | null; actor: (Entry['actor'] & { displayName?: string | null }) | null };
  const list = async (office: Agent, query: string) => {
    const res = await office.get(`/api/audit?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Full[]; total: number; page: number; pageSize: number };
  };
  /** audit rows of an action of their own, at given instants (the log has no other way to hold the past) */
  const planted = async (t: TestApp, instants: string[]) => {
    const action = uniq('test.');
    await t.database.db.insert(audit).values(instants.map((at) => ({ at: new Date(at), action, target: null })));
    return action;
  };

  test('keeps one unit’s entries (its creation, edits, steps and voids), by its code or its id, with its name', async ({ office }) => {
    const code = uniq('AU');
    const { unit } = (await office.post('/api/units', { code, name: '县档案馆', kind: 'department' })).json();
    const { unit: other } = (await office.post('/api/units', { code: uniq('AO'), name: '县气象局', kind: 'department' })).json();
    await office.patch(`/api/units/${unit.id}`, { contactName: '李明' });
    const { event } = (await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started' })).json();
    await office.post(`/api/events/${event.id}/void`, { reason: '记错' });
    await office.post(`/api/units/${other.id}/events`, { type: 'wiring.started' });

    // the code as stored (its normal form), as typed (lower case), or the id
    for (const key of [unit.code, code, unit.id]) {
      const { items, total } = await list(office, `unit=${encodeURIComponent(key)}`);
      expect(items.map((e) => e.action)).toEqual(['step.void', 'step.record', 'unit.update', 'unit.create']);
      expect(total).toBe(4);
      for (const e of items) expect(e.unit).toEqual({ id: unit.id, code: unit.code, name: '县档案馆' });
    }
  });

  test('counts an urging notice among the unit’s entries, with the unit named', async ({ office }) => {
    const { unit } = (await office.post('/api/units', { code: uniq('AN'), name: '县医保局', kind: 'department' })).json();
    await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.refused', data: { reason: '领导不在' } });
    expect((await office.post(`/api/units/${unit.id}/notices`, {})).statusCode).toBe(201);
    const { items } = await list(office, `unit=${unit.id}&action=notice.issue`);
    expect(items).toHaveLength(1);
    expect(items[0].unit).toEqual({ id: unit.id, code: unit.code, name: '县医保局' });
  });

  test('answers an empty page for a unit that does not exist', async ({ office }) => {
    expect(await list(office, 'unit=NO-SUCH-UNIT')).toMatchObject({ items: [], total: 0 });
    expect(await list(office, 'unit=00000000-0000-0000-0000-000000000000')).toMatchObject({ items: [], total: 0 });
  });

  test('keeps one person’s entries, naming them', async ({ t, office }) => {
    const clerk = await t.as('office');
    const { unit } = (await clerk.post('/api/units', { code: uniq('AP'), name: '县统计局', kind: 'department' })).json();
    await clerk.post(`/api/units/${unit.id}/events`, { type: 'wiring.started' });
    const { items } = await list(office, `actorId=${clerk.user.id}`);
    expect(items.map((e) => e.action)).toEqual(['step.record', 'unit.create', 'auth.login']);
    for (const e of items) expect(e.actor).toMatchObject({ id: clerk.user.id, username: clerk.user.username, displayName: clerk.user.displayName });
    expect(await list(office, 'actorId=not-an-id')).toMatchObject({ items: [], total: 0 });
  });

  test('separates sign-ins and sign-outs from changes', async ({ t, office }) => {
    await t.as('viewer');
    await office.post('/api/units', { code: uniq('AG'), name: '县水务局', kind: 'department' });
    const sessions = await list(office, 'group=sessions&pageSize=500');
    const changes = await list(office, 'group=changes&pageSize=500');
    const all = await list(office, 'pageSize=500');
    expect(sessions.items.length).toBeGreaterThan(0);
    expect(changes.items.length).toBeGreaterThan(0);
    expect(sessions.items.every((e) => e.action.startsWith('auth.'))).toBe(true);
    expect(changes.items.some((e) => e.action.startsWith('auth.'))).toBe(false);
    expect(sessions.total + changes.total).toBe(all.total);
  });

  test('keeps the days from and to, both included, as days in the campaign’s time zone (Asia/Shanghai)', async ({ t, office }) => {
    // 23:30 on 1 March and 00:30 on 2 March in Shanghai, 00:30 on 4 March
    const action = await planted(t, ['2025-03-01T15:30:00Z', '2025-03-01T16:30:00Z', '2025-03-03T16:30:00Z']);
    const at = async (query: string) => (await list(office, `action=${action}&${query}`)).items.map((e) => e.at);
    expect(await at('from=2025-03-02&to=2025-03-02')).toEqual(['2025-03-01T16:30:00.000Z']);
    expect(await at('from=2025-03-02')).toEqual(['2025-03-03T16:30:00.000Z', '2025-03-01T16:30:00.000Z']);
    expect(await at('to=2025-03-01')).toEqual(['2025-03-01T15:30:00.000Z']);
    expect(await at('from=2025-03-01&to=2025-03-04')).toHaveLength(3);
  });

  test('refuses a range that ends before it starts, and a group it does not know', async ({ office }) => {
    expect((await office.get('/api/audit?from=2025-03-02&to=2025-03-01')).statusCode).toBe(400);
    expect((await office.get('/api/audit?group=everything')).statusCode).toBe(400);
    expect((await office.get('/api/audit?from=yesterday')).statusCode).toBe(400);
  });

  test('pages newest first: every entry once, the total on every page', async ({ t, office }) => {
    const action = await planted(t, ['2025-05-01T01:00:00Z', '2025-05-01T02:00:00Z', '2025-05-01T03:00:00Z', '2025-05-01T04:00:00Z', '2025-05-01T05:00:00Z']);
    const pages = await Promise.all([1, 2, 3, 4].map((page) => list(office, `action=${action}&pageSize=2&page=${page}`)));
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1, 0]);
    expect(pages.map((p) => [p.total, p.page, p.pageSize])).toEqual([[5, 1, 2], [5, 2, 2], [5, 3, 2], [5, 4, 2]]);
    expect(pages.flatMap((p) => p.items.map((e) => e.at.slice(11, 13)))).toEqual(['05', '04', '03', '02', '01']);
  });

  test('combines its filters', async ({ t, office }) => {
    const clerk = await t.as('office');
    const { unit } = (await clerk.post('/api/units', { code: uniq('AC'), name: '县林业局', kind: 'department' })).json();
    await office.post(`/api/units/${unit.id}/events`, { type: 'wiring.started' });
    await clerk.post(`/api/units/${unit.id}/events`, { type: 'wiring.completed' });
    const { items } = await list(office, `unit=${unit.id}&actorId=${clerk.user.id}&action=step.record&group=changes`);
    expect(items.map((e) => (e.details as { type: string }).type)).toEqual(['wiring.completed']);
  });

  test('names the account an entry is about: a user created, a login’s username', async ({ t, office }) => {
    const username = uniq('audit-');
    const { user } = (await office.post('/api/users', { username, displayName: '赵六', role: 'viewer', password: 'secret pass 9' })).json();
    await t.anonymous.post('/api/auth/login', { username, password: 'wrong one' });
    const created = (await list(office, 'action=user.create&pageSize=500')).items.find((e) => e.target === user.id)!;
    expect(created.user).toMatchObject({ id: user.id, username, displayName: '赵六', role: 'viewer' });
    const failed = (await list(office, 'action=auth.login_failed&pageSize=500')).items.find((e) => e.target === username)!;
    expect(failed.user).toMatchObject({ id: user.id, displayName: '赵六' });
    expect(failed.actor).toBeNull();
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
    test(`TRUST_PROXY=${setting} keeps ${kept}`, async () => {
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

  test('refuses a setting it cannot read, at start', () => {
    for (const bad of ['yes', '1.2.3', '10.0.0.0/8, proxy.local']) expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be/);
    expect(loadConfig({ TRUST_PROXY: ' 2 ' }).trustProxy).toBe(2);
  });
});

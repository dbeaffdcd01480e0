// A case for every row of the access table (server/access.ts), for the scope × route matrix
// (scope.matrix.test.ts, which checks that no row is without one): how a user scoped to county A,
// one scoped to the city and a whole-installation one are answered on that route. The kinds of
// case and the things they aim at are in scope.matrix.kit.ts.
import { expect } from 'vitest';
import { PASSWORD, uniq, type Agent } from '../helpers/app.js';
import { BODIES } from '../helpers/steps.js';
import { TRAINING_CASES } from './scope.matrix.training.cases.js';
import { BULLETIN_CASES } from './scope.matrix.bulletins.js';
import { A, areaRefused, at, B, both, byId, channelAt, CITY, key, listen, listing, noticeAt, plain, refusedAt, rollupSeen, root, sameAsAreaReport, scopedRolesOf, t, thing, unitAt, WEBHOOK } from './scope.matrix.kit.js';

// ——— every row of the table ———————————————————————————————————————————————————————————————

export const CASES: Record<string, () => Promise<void>> = {
  // the training routes' cases live beside these (scope.matrix.training.cases.ts)
  ...TRAINING_CASES,
  ...BULLETIN_CASES,
  'GET /healthz': plain('GET /healthz', (a) => a.get('/healthz')),
  'GET /readyz': plain('GET /readyz', (a) => a.get('/readyz')),
  'POST /api/auth/login': plain('POST /api/auth/login', async (a) => {
    const res = await t.anonymous.post('/api/auth/login', { username: a.user.username, password: PASSWORD });
    expect(res.json().user.scope).toBe(A);
    return res;
  }),
  'POST /api/auth/logout': plain('POST /api/auth/logout', (a) => a.post('/api/auth/logout')),
  'GET /api/auth/me': plain('GET /api/auth/me', async (a) => {
    const res = await a.get('/api/auth/me');
    expect(res.json().user.scope).toBe(A);
    return res;
  }),
  'POST /api/auth/password': plain('POST /api/auth/password', (a) => a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long one' })),

  'POST /api/users': async () => {
    const body = (over: object) => ({ username: uniq('new-'), displayName: '新人', role: 'viewer', password: 'long enough 1', ...over });
    for (const scope of [B, CITY, null]) {
      const res = await at.A.office.post('/api/users', body({ scope }));
      expect(res.statusCode, `a county office gives scope ${scope}: ${res.body}`).toBe(403);
    }
    const unitOutside = await at.A.office.post('/api/users', body({ role: 'unit', unitId: thing(B).unit.id }));
    expect(unitOutside.statusCode, unitOutside.body).toBe(400);
    const own = await at.A.office.post('/api/users', body({}));
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().user.scope).toBe(A);
    const byCity = await at.city.office.post('/api/users', body({ scope: B }));
    expect(byCity.statusCode, byCity.body).toBe(201);
  },
  'GET /api/users': listing('GET /api/users', (s) => s.user.username),
  'PATCH /api/users/:id': both(
    byId('PATCH /api/users/:id', (p) => thing(p).user.id, () => ({ displayName: '改名' })),
    // a unit's contact lies where its unit does
    byId('PATCH /api/users/:id', (p) => thing(p).contact.user.id, () => ({ displayName: '联系人' })),
  ),

  'POST /api/units': async () => {
    const code = uniq('C');
    const res = await at.A.office.post('/api/units', { code, name: '外县单位', kind: 'other', areaCode: B });
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect((await root.get(`/api/units?q=${code}`)).json().total).toBe(0);
    const own = await at.A.office.post('/api/units', { code: uniq('C'), name: '本县单位', kind: 'other', areaCode: A });
    expect(own.statusCode, own.body).toBe(201);
  },
  'GET /api/units': both(listing('GET /api/units', (s) => s.unit.code, { more: '?pageSize=500' }), areaRefused('GET /api/units')),
  'GET /api/units.csv': both(listing('GET /api/units.csv', (s) => s.unit.code), areaRefused('GET /api/units.csv')),
  'GET /api/units.xlsx': both(listing('GET /api/units.xlsx', (s) => s.unit.code), areaRefused('GET /api/units.xlsx')),
  'GET /api/units/:id': byId('GET /api/units/:id', (p) => thing(p).unit.id),
  'PATCH /api/units/:id': byId('PATCH /api/units/:id', (p) => thing(p).unit.id, (p) => ({ name: `改名${key(p)}` })),
  'POST /api/units/import': async () => {
    const code = uniq('I');
    const res = await at.A.office.post('/api/units/import', `code,name,kind,areaCode\n${code},外县,other,${B}\n`, { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body).toBeLessThan(500);
    expect(res.body, 'the row outside the scope is a bad row named by its number').toMatch(/"row":\s*2/);
    expect((await root.get(`/api/units?q=${code}`)).json().total).toBe(0);
  },
  'GET /api/units/import/template.csv': plain('GET /api/units/import/template.csv', (a) => a.get('/api/units/import/template.csv')),
  'GET /api/units/import/template.xlsx': plain('GET /api/units/import/template.xlsx', (a) => a.get('/api/units/import/template.xlsx')),
  'POST /api/units/assign': async () => {
    const unit = await unitAt(B);
    const res = await at.A.office.post('/api/units/assign', { technicianId: at.A.technician.user.id, unitIds: [unit.id] });
    expect(res.statusCode, res.body).toBeLessThan(500);
    expect((await root.get(`/api/units/${unit.id}`)).json().unit.assignee).toBeNull();
  },

  'POST /api/units/:id/events': byId('POST /api/units/:id/events', async (p) => (await unitAt(p)).id, () => BODIES['wiring.started']),
  'GET /api/units/:id/events': byId('GET /api/units/:id/events', (p) => thing(p).unit.id),
  'POST /api/events/:id/void': byId('POST /api/events/:id/void', async (p) => (await refusedAt(p)).step, () => ({ reason: '录错了' })),
  'GET /api/events': listing('GET /api/events', (s) => s.unit.id, { more: '?pageSize=500' }),

  'GET /api/live': async () => {
    for (const role of scopedRolesOf('GET /api/live')) {
      const [county, city, all] = await Promise.all([listen(at.A[role]), listen(at.city[role]), listen(at.root[role])]);
      try {
        const steps = { A: await unitAt(A), B: await unitAt(B), none: await unitAt(null) };
        for (const u of Object.values(steps)) expect((await root.post(`/api/units/${u.id}/events`, BODIES['wiring.started'])).statusCode).toBe(201);
        // the whole installation's stream hears all three: by then the others have heard what they will
        await expect.poll(() => Object.values(steps).every((u) => all.heard.has(u.id)), { timeout: 3000 }).toBe(true);
        await expect.poll(() => city.heard.has(steps.B.id) && county.heard.has(steps.A.id), { timeout: 3000 }).toBe(true);
        expect([county.heard.has(steps.B.id), county.heard.has(steps.none.id)], `county ${role} hears B's, none's`).toEqual([false, false]);
        expect([city.heard.has(steps.A.id), city.heard.has(steps.none.id)], `city ${role} hears A's, none's`).toEqual([true, false]);
      } finally {
        for (const s of [county, city, all]) s.close();
      }
    }
  },

  'GET /api/settings': areaRefused('GET /api/settings'),
  'PUT /api/settings': async () => {
    for (const area of [B, CITY]) {
      // a valid body (a 400 comes before the 404); the area form's shape is branch reports'
      const res = await at.A.office.put(`/api/settings?area=${area}`, { timezone: 'Asia/Shanghai', wiringDue: null, connectionDue: null, registrationGraceDays: 7, stallDays: 20, postponementLimit: 2 });
      expect(res.statusCode, `${area}: ${res.body}`).toBe(404);
    }
  },

  // entries about the place's unit (steps, notices), its user (an edit) and its contact's login
  'GET /api/audit': both(
    listing('GET /api/audit', (s) => s.unit.id, { more: '?pageSize=500' }),
    listing('GET /api/audit', (s) => `"target":"${s.user.id}"`, { more: '?pageSize=500&action=user.update' }),
    listing('GET /api/audit', (s) => `"target":"${s.contact.user.username.toLowerCase()}"`, { more: '?pageSize=500&group=sessions' }),
  ),

  'GET /api/reports/summary': both(sameAsAreaReport('GET /api/reports/summary'), areaRefused('GET /api/reports/summary')),
  'GET /api/reports/laggards': both(listing('GET /api/reports/laggards', (s) => s.unit.code, { more: '?pageSize=500' }), areaRefused('GET /api/reports/laggards')),
  'GET /api/reports/laggards.csv': both(listing('GET /api/reports/laggards.csv', (s) => s.unit.code), areaRefused('GET /api/reports/laggards.csv')),
  'GET /api/reports/laggards.xlsx': both(listing('GET /api/reports/laggards.xlsx', (s) => s.unit.code), areaRefused('GET /api/reports/laggards.xlsx')),
  'GET /api/reports/trend': both(sameAsAreaReport('GET /api/reports/trend'), areaRefused('GET /api/reports/trend')),
  // the answer's units are checked in tests/api/leaders.due-soon.test.ts: the seeded units are due on no day
  // display links: a county office makes them for its county only, and sees and revokes only those
  'POST /api/display-links': async () => {
    for (const area of [B, CITY]) expect((await at.A.office.post('/api/display-links', { label: 'x', area })).statusCode, area).toBe(404);
    expect((await at.A.office.post('/api/display-links', { label: 'x', area: A })).statusCode).toBe(201);
    expect((await at.city.office.post('/api/display-links', { label: 'x', area: B })).statusCode).toBe(201);
  },
  'GET /api/display-links': async () => {
    const other = (await at.city.office.post('/api/display-links', { label: '武都', area: B })).json().link.id;
    const ids = (await at.A.office.get('/api/display-links')).json().items.map((l: { id: string }) => l.id);
    expect(ids).not.toContain(other);
    expect((await at.city.office.get('/api/display-links')).json().items.map((l: { id: string }) => l.id)).toContain(other);
  },
  'POST /api/display-links/:id/revoke': async () => {
    const other = (await at.city.office.post('/api/display-links', { label: '武都', area: B })).json().link.id;
    expect((await at.A.office.post(`/api/display-links/${other}/revoke`)).statusCode).toBe(404);
    expect((await at.city.office.post(`/api/display-links/${other}/revoke`)).statusCode).toBe(200);
  },
  // no session opens it, scoped or not: only a link's token, whose scope is the link's (leaders.display.test.ts)
  'GET /api/screen': async () => {
    for (const role of ['office', 'viewer', 'technician'] as const) expect((await at.A[role].get('/api/screen')).statusCode).toBe(401);
  },
  'GET /api/reports/due-soon': areaRefused('GET /api/reports/due-soon'),
  'GET /api/reports/review-queue': areaRefused('GET /api/reports/review-queue'),
  'GET /api/reports/reasons': both(sameAsAreaReport('GET /api/reports/reasons'), areaRefused('GET /api/reports/reasons')),

  'GET /api/reports/areas': both(rollupSeen('GET /api/reports/areas'), areaRefused('GET /api/reports/areas', 'parent')),
  'GET /api/reports/areas.csv': both(rollupSeen('GET /api/reports/areas.csv'), areaRefused('GET /api/reports/areas.csv', 'parent')),
  'GET /api/reports/areas.xlsx': both(rollupSeen('GET /api/reports/areas.xlsx'), areaRefused('GET /api/reports/areas.xlsx', 'parent')),

  'GET /api/areas': both(async () => {
    for (const role of scopedRolesOf('GET /api/areas')) {
      const codes = async (agent: Agent, query = '') => {
        const res = await agent.get(`/api/areas${query}`);
        expect(res.statusCode, res.body).toBe(200);
        return (res.json().items as { code: string }[]).map((a) => a.code);
      };
      expect(await codes(at.A[role]), `the top of a county ${role}'s tree`).toEqual([A]);
      expect(await codes(at.city[role]), `the top of a city ${role}'s tree`).toEqual([CITY]);
      expect(await codes(at.city[role], `?parent=${CITY}`)).toEqual(expect.arrayContaining([A, B]));
      expect((await codes(at.root[role])).length, `the whole installation's: the provinces`).toBe(31);
    }
  }, areaRefused('GET /api/areas', 'parent')),
  'GET /api/areas/:code': async () => {
    for (const role of scopedRolesOf('GET /api/areas/:code')) {
      const unknown = await at.A[role].get('/api/areas/629999');
      expect(unknown.statusCode).toBe(404);
      for (const code of [B, CITY, '62']) {
        const res = await at.A[role].get(`/api/areas/${code}`);
        expect(res.statusCode, `${code} as county ${role}`).toBe(404);
        expect(res.json(), `${code} as county ${role}: the unknown area's answer`).toEqual(unknown.json());
      }
      const own = await at.A[role].get(`/api/areas/${A}`);
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json().ancestors.map((a: { code: string }) => a.code), 'its breadcrumb').toEqual(['62', CITY]);
      expect((await at.city[role].get(`/api/areas/${B}`)).statusCode).toBe(200);
      expect((await at.city[role].get('/api/areas/62')).statusCode).toBe(404);
      expect((await at.root[role].get('/api/areas/62')).statusCode).toBe(200);
    }
  },

  'POST /api/channels': async () => {
    for (const scope of [B, CITY, null]) {
      const res = await at.A.office.post('/api/channels', { name: '外县群', kind: 'wecom', webhookUrl: WEBHOOK, scope });
      expect(res.statusCode, `scope ${scope}: ${res.body}`).toBe(403);
    }
    const own = await at.A.office.post('/api/channels', { name: '本县群', kind: 'wecom', webhookUrl: WEBHOOK });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().channel.scope).toBe(A);
  },
  'GET /api/channels': listing('GET /api/channels', (s) => s.channel.name),
  'GET /api/settings/help': areaRefused('GET /api/settings/help'),
  'PUT /api/settings/help': async () => {
    for (const area of [B, CITY]) expect((await at.A.office.put(`/api/settings/help?area=${area}`, { platformUrl: null, helpdeskPhone: '0939-1' + '234567' })).statusCode, area).toBe(404);
    expect((await at.A.office.put(`/api/settings/help?area=${A}`, { platformUrl: null, helpdeskPhone: null })).statusCode).toBe(200);
  },
  'GET /api/channels/preview': async () => {
    // the digest of another county (or the city above) is a 404, as an unknown area
    for (const area of [B, CITY]) expect((await at.A.office.get(`/api/channels/preview?kind=wecom&scope=${area}`)).statusCode, area).toBe(404);
    const own = await at.A.office.get(`/api/channels/preview?kind=wecom&scope=${A}`);
    expect(own.statusCode, own.body).toBe(200);
    expect((await at.city.office.get(`/api/channels/preview?kind=dingtalk&scope=${B}`)).statusCode).toBe(200);
  },
  'PATCH /api/channels/:id': byId('PATCH /api/channels/:id', (p) => thing(p).channel.id, () => ({ name: '改名群' })),
  'DELETE /api/channels/:id': byId('DELETE /api/channels/:id', async (p) => (await channelAt(p)).id),
  'POST /api/channels/:id/test': byId('POST /api/channels/:id/test', (p) => thing(p).channel.id),
  'GET /api/channels/:id/deliveries': byId('GET /api/channels/:id/deliveries', (p) => thing(p).channel.id),

  'POST /api/units/:id/notices': byId('POST /api/units/:id/notices', async (p) => (await refusedAt(p)).unit.id),
  'POST /api/notices/batch': async () => {
    // laggards not urged yet, in each place
    const fresh = { A: await refusedAt(A), B: await refusedAt(B), none: await refusedAt(null) };
    const res = await at.A.office.post('/api/notices/batch', { category: 'refused_wiring' });
    expect(res.statusCode, res.body).toBe(201);
    const urged = new Set(((await root.get(`/api/notices?pageSize=500`)).json().items as { unitId: string }[]).map((n) => n.unitId));
    expect([urged.has(fresh.A.unit.id), urged.has(fresh.B.unit.id), urged.has(fresh.none.unit.id)], 'urged by the county office: A, B, none').toEqual([true, false, false]);
  },
  'GET /api/notices': listing('GET /api/notices', (s) => s.unit.code, { more: '?pageSize=500' }),
  'GET /api/notices/:id': byId('GET /api/notices/:id', (p) => thing(p).notice),
  // a unit's contact alone may answer: its scope is its unit, as before areas
  'POST /api/notices/:id/answer': async () => {
    const { unit, notice } = await noticeAt(B);
    const contact = await t.as('unit', { unitId: unit.id });
    expect((await contact.post(`/api/notices/${notice}/answer`, { text: '已安排' })).statusCode).toBe(200);
    const other = await noticeAt(A);
    expect((await contact.post(`/api/notices/${other.notice}/answer`, { text: '已安排' })).statusCode).toBe(404);
  },
  // 督办: an office presses an area strictly inside its scope; a sibling county is no area to it
  'POST /api/areas/:code/notices': async () => {
    await refusedAt(A);
    await refusedAt(B);
    expect((await at.A.office.post(`/api/areas/${B}/notices`, {})).statusCode).toBe(404);
    expect((await at.A.office.post(`/api/areas/${CITY}/notices`, {})).statusCode).toBe(404);
    expect((await at.A.office.post(`/api/areas/${A}/notices`, {})).statusCode).toBe(403);
    const res = await at.city.office.post(`/api/areas/${B}/notices`, {});
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().notice.target).toMatchObject({ type: 'area', code: B });
  },
  'POST /api/notices/:id/withdraw': byId('POST /api/notices/:id/withdraw', async (p) => (await noticeAt(p)).notice, () => ({ reason: '发错了' })),
};

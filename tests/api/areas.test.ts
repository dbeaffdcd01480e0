// The area tree, per-area deadlines and the roll-up as a caller sees them: only inside its scope
// (docs/contract/areas.md "Scopes"), 404 for an area outside it or one that does not exist.
import { describe, expect, it } from 'vitest';
import { addDays, today } from '../../shared/domain/dates.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import { errorOf, type Agent, type TestApp } from '../helpers/app.js';
import { TANCHANG, WUDU, test } from '../helpers/fixture.js';

let t: TestApp;
let office: Agent;
test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});

describe('GET /api/areas', () => {
  test('lists the provinces for a whole-installation user, the scope itself for a scoped one', async ({ longnan }) => {
    const all = (await office.get('/api/areas')).json();
    expect(all.items).toHaveLength(31);
    expect(all.items[0]).toEqual({ code: '11', name: '北京市', level: 'province', parentCode: null });
    const scoped = longnan.viewer;
    expect((await scoped.get('/api/areas')).json().items).toEqual([{ code: '6212', name: '陇南市', level: 'city', parentCode: '62' }]);
    const counties = (await scoped.get('/api/areas?parent=6212')).json().items.map((a: { code: string }) => a.code);
    expect(counties).toContain(TANCHANG);
    expect(counties).toContain(WUDU);
    expect((await scoped.get(`/api/areas?parent=${TANCHANG}`)).json().items).toEqual([]);
  });

  test('answers 404 for a parent outside the scope or naming nothing, 400 for a code of no area shape', async ({ tanchang }) => {
    const county = tanchang.technician;
    expect((await county.get('/api/areas?parent=6212')).statusCode).toBe(404);
    expect((await county.get('/api/areas?parent=6201')).statusCode).toBe(404);
    expect((await office.get('/api/areas?parent=99')).statusCode).toBe(404);
    expect((await office.get('/api/areas?parent=x1')).statusCode).toBe(400);
  });

  test('gives an area with its ancestors, top first; 404 outside the scope or for any unknown code', async ({ tanchang }) => {
    const res = await office.get(`/api/areas/${TANCHANG}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      area: { code: TANCHANG, name: '宕昌县', level: 'county', parentCode: '6212' },
      ancestors: [
        { code: '62', name: '甘肃省', level: 'province', parentCode: null },
        { code: '6212', name: '陇南市', level: 'city', parentCode: '62' },
      ],
    });
    const county = tanchang.viewer;
    expect((await county.get(`/api/areas/${TANCHANG}`)).json().ancestors).toHaveLength(2);
    for (const code of ['6212', WUDU, '999999', 'abc', '62122300']) expect((await county.get(`/api/areas/${code}`)).statusCode, code).toBe(404);
    expect((await (await t.as('unit')).get(`/api/areas/${TANCHANG}`)).statusCode).toBe(403);
  });
});

describe('deadlines per area', () => {
  it('inherits installation › province › city › county and says where each value comes from', async () => {
    expect((await office.put('/api/settings', { ...DEFAULT_SETTINGS, stallDays: 20 })).statusCode).toBe(200);
    expect((await office.put('/api/settings?area=62', { stallDays: 10, wiringDue: '2026-06-30' })).statusCode).toBe(200);
    const put = await office.put(`/api/settings?area=${TANCHANG}`, { stallDays: 5, postponementLimit: null });
    expect(put.statusCode, put.body).toBe(200);
    const res = (await office.get(`/api/settings?area=${TANCHANG}`)).json();
    expect(res).toMatchObject({
      area: { code: TANCHANG },
      stallDays: 5,
      wiringDue: '2026-06-30',
      registrationGraceDays: DEFAULT_SETTINGS.registrationGraceDays,
      own: { stallDays: 5, wiringDue: null, postponementLimit: null },
      sources: { stallDays: TANCHANG, wiringDue: '62', registrationGraceDays: null, postponementLimit: null },
    });
    const wudu = (await office.get(`/api/settings?area=${WUDU}`)).json();
    expect(wudu).toMatchObject({ stallDays: 10, sources: { stallDays: '62' } });
    // the installation's own answer is as before, with the home area
    expect((await office.get('/api/settings')).json()).toEqual({ ...DEFAULT_SETTINGS, stallDays: 20 });
    // a PUT of nothing: the area inherits everything again
    expect((await office.put(`/api/settings?area=${TANCHANG}`, {})).json().sources.stallDays).toBe('62');
    expect((await office.put('/api/settings?area=62', {})).statusCode).toBe(200);
    expect((await office.get(`/api/settings?area=${TANCHANG}`)).json()).toMatchObject({ stallDays: 20, sources: { stallDays: null } });
  });

  test('lets an office set areas inside its scope only; the installation only a whole-installation office', async ({ tanchang }) => {
    const county = tanchang.office;
    expect((await county.put(`/api/settings?area=${TANCHANG}`, { stallDays: 9 })).statusCode).toBe(200);
    expect((await county.put(`/api/settings?area=${WUDU}`, { stallDays: 9 })).statusCode).toBe(404);
    expect((await county.put('/api/settings?area=6212', { stallDays: 9 })).statusCode).toBe(404);
    expect((await county.get(`/api/settings?area=${WUDU}`)).statusCode).toBe(404);
    expect((await county.put('/api/settings', DEFAULT_SETTINGS)).statusCode).toBe(403);
    expect((await county.put(`/api/settings?area=${TANCHANG}`, { stallDays: 0 })).statusCode).toBe(400);
    expect((await tanchang.viewer.put(`/api/settings?area=${TANCHANG}`, { stallDays: 9 })).statusCode).toBe(403);
    expect((await office.put(`/api/settings?area=${TANCHANG}`, {})).statusCode).toBe(200);
  });

  it('takes a home area that is a county, and nothing else', async () => {
    const city = await office.put('/api/settings', { ...DEFAULT_SETTINGS, homeArea: '6212' });
    expect(city.statusCode).toBe(400);
    expect(errorOf(city).details).toEqual([expect.objectContaining({ field: 'homeArea' })]);
    expect((await office.put('/api/settings', { ...DEFAULT_SETTINGS, homeArea: '999999' })).statusCode).toBe(400);
    expect((await office.put('/api/settings', { ...DEFAULT_SETTINGS, homeArea: TANCHANG })).json().homeArea).toBe(TANCHANG);
    // absent keeps it, null clears it
    expect((await office.put('/api/settings', { ...DEFAULT_SETTINGS, homeArea: undefined })).json().homeArea).toBe(TANCHANG);
    expect((await office.put('/api/settings', DEFAULT_SETTINGS)).json().homeArea).toBeNull();
  });

  it('a unit user reads its own county chain only', async () => {
    const unit = await t.unit({ areaCode: '620102' });
    const contact = await t.as('unit', { unitId: unit.id });
    expect((await contact.get('/api/settings?area=620102')).statusCode).toBe(200);
    expect((await contact.get('/api/settings?area=62')).statusCode).toBe(200);
    expect((await contact.get(`/api/settings?area=${WUDU}`)).statusCode).toBe(404);
  });
});

describe('reports by area', () => {
  test('flag each unit by its county’s deadlines, count only the scope, and answer 404 outside it', async ({ tanchang }) => {
    const day = today(DEFAULT_SETTINGS.timezone);
    expect((await office.put('/api/settings', DEFAULT_SETTINGS)).statusCode).toBe(200);
    const late = await t.unit({ areaCode: TANCHANG, kind: 'township' });
    const wudu = await t.unit({ areaCode: WUDU });
    await t.unit({ areaCode: null });
    expect((await office.put(`/api/settings?area=${TANCHANG}`, { wiringDue: addDays(day, -3) })).statusCode).toBe(200);
    try {
      const board = (await office.get('/api/reports/laggards?pageSize=500')).json();
      const ids = board.items.map((i: { unit: { id: string } }) => i.unit.id);
      expect(ids).toContain(late.id);
      expect(ids).not.toContain(wudu.id);
      expect(board.items.find((i: { unit: { id: string } }) => i.unit.id === late.id).flags).toEqual([{ category: 'overdue_wiring', stage: 'wiring', daysLate: 3 }]);

      const county = tanchang.viewer;
      const own = (await county.get('/api/reports/summary')).json();
      expect(own.laggards).toBe(1);
      expect(own.totalUnits).toBe(1);
      for (const url of ['/api/reports/summary', '/api/reports/laggards', '/api/reports/laggards.csv', '/api/reports/trend', '/api/reports/reasons', '/api/reports/areas']) {
        expect((await county.get(`${url}?area=${WUDU}`)).statusCode, url).toBe(url.endsWith('areas') ? 200 : 404);
      }
      expect((await county.get(`/api/reports/areas?parent=${WUDU}`)).statusCode).toBe(404);
      expect((await county.get(`/api/reports/trend`)).json().totalUnits).toBe(1);
      expect((await office.get('/api/reports/summary?area=6212')).json().totalUnits).toBe(2);
      expect((await office.get('/api/reports/summary?area=62')).json().totalUnits).toBe(3);
      expect((await office.get('/api/reports/summary?area=99')).statusCode).toBe(404);
      const csv = (await county.get('/api/reports/laggards.csv')).body;
      expect(csv).toContain(late.code);
    } finally {
      await office.put(`/api/settings?area=${TANCHANG}`, {});
    }
  });

  test('rolls up a scope’s children: provinces and unplaced at the top, a city’s counties, a county’s kinds', async ({ tanchang }) => {
    await t.unit({ areaCode: TANCHANG, kind: 'department' });
    const top = (await office.get('/api/reports/areas')).json();
    expect(top.parent).toBeNull();
    expect(top.items.map((i: { area: { code: string } }) => i.area.code)).toEqual(['62', 'unplaced']);
    const city = (await office.get('/api/reports/areas?parent=6212')).json();
    expect(city.parent).toMatchObject({ code: '6212', name: '陇南市' });
    const codes = city.items.map((i: { area: { code: string } }) => i.area.code);
    expect(codes).toHaveLength(9);
    // children without units rank last
    expect(new Set(codes.slice(0, 2))).toEqual(new Set([TANCHANG, WUDU]));
    expect(city.items.map((i: { rank: number }) => i.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const county = tanchang.viewer;
    const kinds = (await county.get('/api/reports/areas')).json();
    expect(kinds.parent.code).toBe(TANCHANG);
    expect(kinds.items.map((i: { area: { code: string; level: string } }) => [i.area.code, i.area.level]).sort()).toEqual([
      ['department', 'kind'],
      ['township', 'kind'],
    ]);
    for (const ext of ['csv', 'xlsx']) {
      const file = await office.get(`/api/reports/areas.${ext}?parent=6212`);
      expect(file.statusCode).toBe(200);
      expect(String(file.headers['content-disposition'])).toContain(`areas-6212-`);
    }
    expect((await office.get('/api/reports/areas.csv?parent=6212')).body).toContain('宕昌县');
  });
});

// What a report covers: the summary takes the laggard list's unit filters (so that a bulletin's
// totals are those of the units it lists), the search runs on the server over every page, a
// day after today is refused, and the rows carry who to call.
import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, today } from '../../shared/domain/dates.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import { errorOf, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { BODIES } from '../helpers/steps.js';

let t: TestApp;
let office: Agent;
test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});
beforeEach(async () => {
  expect((await office.put('/api/settings', DEFAULT_SETTINGS)).statusCode).toBe(200);
});

const refuse = async (unitId: string) => expect((await office.post(`/api/units/${unitId}/events`, BODIES['wiring.refused'])).statusCode).toBe(201);
const json = async (url: string) => {
  const res = await office.get(url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
};

describe('the summary of the units a report covers', () => {
  it('counts only the units of the kind, parent code and search asked, as the laggard list does', async () => {
    const area = uniq('S');
    const townships = [await t.unit({ parentCode: area, kind: 'township', name: '哈达铺镇人民政府' }), await t.unit({ parentCode: area, kind: 'township', name: '理川镇人民政府' })];
    await t.unit({ parentCode: area, kind: 'township', name: '沙湾镇人民政府' });
    const department = await t.unit({ parentCode: area, kind: 'department', name: '县教育局' });
    await t.unit({ kind: 'township', name: '别处镇人民政府' });
    for (const u of [...townships, department]) await refuse(u.id);

    const scoped = await json(`/api/reports/summary?parentCode=${area}&kind=township`);
    expect([scoped.totalUnits, scoped.laggards, scoped.byCategory.refused_wiring, scoped.byKind.township, scoped.byKind.department]).toEqual([3, 2, 2, 2, 0]);
    const list = await json(`/api/reports/laggards?parentCode=${area}&kind=township`);
    expect(list.total).toBe(scoped.laggards);

    const searched = await json(`/api/reports/summary?parentCode=${area}&q=${encodeURIComponent('哈达铺')}`);
    expect([searched.totalUnits, searched.laggards]).toEqual([1, 1]);
    // as of a past day the same scope applies
    const past = await json(`/api/reports/summary?parentCode=${area}&kind=township&asOf=${addDays(today('Asia/Shanghai'), -1)}`);
    expect([past.totalUnits, past.laggards]).toEqual([3, 0]);
  });
});

describe('the laggard search', () => {
  it('searches names and codes on the server, over every page, % and _ taken literally', async () => {
    const area = uniq('Q');
    const units = [];
    for (let i = 0; i < 3; i++) units.push(await t.unit({ parentCode: area, code: `${area}-${i}`, name: i === 2 ? '县100%_局' : `县第${i}局` }));
    for (const u of units) await refuse(u.id);
    const page2 = await json(`/api/reports/laggards?parentCode=${area}&q=${encodeURIComponent('第1')}&pageSize=1&page=1`);
    expect([page2.total, page2.items.map((i: { unit: { name: string } }) => i.unit.name)]).toEqual([1, ['县第1局']]);
    expect((await json(`/api/reports/laggards?parentCode=${area}&q=${encodeURIComponent(`${area}-2`)}`)).items[0].unit.name).toBe('县100%_局');
    expect((await json(`/api/reports/laggards?parentCode=${area}&q=${encodeURIComponent('%_')}`)).total).toBe(1);
    expect((await json(`/api/reports/laggards?parentCode=${area}&q=${encodeURIComponent('_')}`)).total).toBe(1);
  });
});

describe('a day after today', () => {
  const routes = ['summary', 'laggards', 'laggards.csv', 'laggards.xlsx', 'reasons'];

  it.each(['Asia/Shanghai', 'Pacific/Kiritimati', 'Etc/GMT+12'])('is refused with 400 by every report that takes asOf, today being today in %s', async (timezone) => {
    expect((await office.put('/api/settings', { ...DEFAULT_SETTINGS, timezone })).statusCode).toBe(200);
    const current = today(timezone);
    for (const route of routes) {
      expect((await office.get(`/api/reports/${route}?asOf=${current}`)).statusCode, `${route} today`).toBe(200);
      const res = await office.get(`/api/reports/${route}?asOf=${addDays(current, 1)}`);
      expect(res.statusCode, `${route} tomorrow`).toBe(400);
      const error = errorOf(res);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details).toEqual([expect.objectContaining({ field: 'querystring.asOf' })]);
    }
  });
});

describe('who to call', () => {
  it('gives each laggard row its contact, phone and assigned technician', async () => {
    const area = uniq('C');
    const tech = await t.as('technician');
    const unit = await t.unit({ parentCode: area, contactName: '张主任', contactPhone: '0939-5521234', assigneeId: tech.user.id });
    const nobody = await t.unit({ parentCode: area });
    await refuse(unit.id);
    await refuse(nobody.id);
    const { items } = await json(`/api/reports/laggards?parentCode=${area}`);
    const byId = Object.fromEntries(items.map((i: { unit: { id: string } }) => [i.unit.id, i.unit]));
    expect(byId[unit.id]).toMatchObject({ contactName: '张主任', contactPhone: '0939-5521234', assignee: { id: tech.user.id, displayName: tech.user.displayName } });
    expect(byId[nobody.id]).toMatchObject({ contactName: null, contactPhone: null, assignee: null });
  });
});

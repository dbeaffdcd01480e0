// The import keeps the rules POST/PATCH /api/units keep on a unit, in the same words (an attacker's
// finding, round 3): a row may not give a unit a technician whose scope does not hold the unit's
// county (its phone would then show on a unit outside its scope), and a unit's connection may not
// fall due before its wiring. Dry run or not, such a row is a bad row and nothing is written.
// 陇南市 (6212) has 宕昌县 621223 and 武都区 621202.
import { describe, expect, it } from 'vitest';
import { errorOf, uniq, type Agent } from '../helpers/app.js';
import { TANCHANG, WUDU, test } from '../helpers/fixture.js';

let city: Agent;
test.beforeAll(({ longnan }) => {
  city = longnan.office;
});

const csv = (text: string, query = '') => city.request('POST', `/api/units/import${query}`, text, { 'content-type': 'text/csv; charset=utf-8' });
const UNSEEN = '该技术员的管辖范围不包括这个单位所在的区县';

describe('the import and the technician a row names', () => {
  test('refuses a 宕昌县 technician for a 武都区 unit, as POST does, dry run or not', async ({ tanchang }) => {
    const tech = tanchang.technician.user;
    const code = uniq('S').toUpperCase();
    // POST says no
    const posted = await city.post('/api/units', { code, name: '测试', kind: 'department', areaCode: WUDU, assigneeId: tech.id });
    expect(posted.statusCode, posted.body).toBe(400);
    expect(errorOf(posted).details).toEqual([{ field: 'assigneeId', message: UNSEEN }]);
    const file = `code,name,kind,areaCode,assignee\n${code},测试,department,${WUDU},${tech.username}\n`;
    for (const query of ['?dryRun=true', '']) {
      const res = await csv(file, query);
      expect(res.statusCode, `${query} ${res.body}`).toBe(400);
      expect(errorOf(res).details).toEqual([{ row: 2, field: 'assignee', message: UNSEEN }]);
    }
    expect((await city.get(`/api/units?q=${code}`)).json().total).toBe(0);
  });

  test('refuses it on a row updating a 武都区 unit too, and takes the technician where its scope holds the unit', async ({ tanchang }) => {
    const tech = tanchang.technician.user;
    const [a, b] = [uniq('S').toUpperCase(), uniq('S').toUpperCase()];
    expect((await csv(`code,name,kind,areaCode\n${a},武都测试,department,${WUDU}\n`)).statusCode).toBe(200);
    const bad = await csv(`code,name,kind,assignee\n${a},武都测试,department,${tech.username}\n`);
    expect(bad.statusCode, bad.body).toBe(400);
    expect(errorOf(bad).details).toEqual([{ row: 2, field: 'assignee', message: UNSEEN }]);
    const good = await csv(`code,name,kind,areaCode,assignee\n${b},宕昌测试,department,${TANCHANG},${tech.username}\n`);
    expect(good.statusCode, good.body).toBe(200);
    const { items } = (await city.get(`/api/units?q=${b}`)).json();
    expect(items[0].assigneeId).toBe(tech.id);
  });
});

describe('the import and a unit’s due dates', () => {
  it('refuses a row whose connection falls due before its wiring, naming both dates, dry run or not', async () => {
    const code = uniq('S').toUpperCase();
    const file = `code,name,kind,areaCode,wiringDue,connectionDue\n${code},测试,department,${WUDU},2027-03-01,2026-12-07\n`;
    for (const query of ['?dryRun=true', '']) {
      const res = await csv(file, query);
      expect(res.statusCode, `${query} ${res.body}`).toBe(400);
      const [issue] = errorOf(res).details as { row: number; field: string; message: string }[];
      expect(issue).toMatchObject({ row: 2, field: 'connectionDue' });
      expect(issue!.message).toContain('2027-03-01');
      expect(issue!.message).toContain('2026-12-07');
    }
  });

  it('judges a blank cell by the stored date', async () => {
    const code = uniq('S').toUpperCase();
    expect((await csv(`code,name,kind,areaCode,wiringDue\n${code},测试,department,${WUDU},2027-03-01\n`)).statusCode).toBe(200);
    const res = await csv(`code,name,kind,connectionDue\n${code},测试,department,2026-12-07\n`);
    expect(res.statusCode, res.body).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ row: 2, field: 'connectionDue' })]);
    expect((await csv(`code,name,kind,connectionDue\n${code},测试,department,2027-03-01\n`)).statusCode).toBe(200);
  });
});

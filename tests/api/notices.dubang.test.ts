// 督办 up the tree (issue 24 item 3): 陇南市's office urges its county 宕昌县 (621223), not its
// townships. The notice records 宕昌县's roll-up row and worst units; 宕昌县's own office sees and
// answers it; 武都区's office (621202, a sibling) and a unit's contact never see it; a county
// office cannot urge its parent; the city's roll-up rows count the 督办 of each county.
import { describe, expect } from 'vitest';
import { notices } from '../../db/schema/index.js';
import { addDays, today } from '../../shared/domain/dates.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import { uniq, type Agent, type TestApp } from '../helpers/app.js';
import { LONGNAN, TANCHANG, WUDU, test } from '../helpers/fixture.js';
import { BODIES } from '../helpers/steps.js';

const CHENG = '621221'; // 成县
const WEN = '621222'; // 文县
let t: TestApp;
let whole: Agent;
test.beforeAll(({ t: testApp, office }) => {
  t = testApp;
  whole = office;
});

async function refused(areaCode: string) {
  const unit = await t.unit({ kind: 'township', areaCode, parentCode: uniq('P') });
  expect((await whole.post(`/api/units/${unit.id}/events`, BODIES['wiring.refused'])).statusCode).toBe(201);
  return unit;
}
const idsOf = async (agent: Agent, query = '') => {
  const res = await agent.get(`/api/notices?pageSize=500${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return new Set((res.json().items as { id: string }[]).map((n) => n.id));
};

describe('督办 from a city to a county', () => {
  test('is answered by 宕昌县’s office, invisible to 武都区’s and to a unit contact, and counted on the city’s roll-up', async ({ longnan, tanchang, wudu, tanchangContact }) => {
    const unit = await refused(TANCHANG);
    const res = await longnan.office.post(`/api/areas/${TANCHANG}/notices`, { note: '请县政府办督促落实' });
    expect(res.statusCode, res.body).toBe(201);
    const { notice } = res.json();
    expect(notice).toMatchObject({ unitId: null, target: { type: 'area', code: TANCHANG, name: '宕昌县' }, status: 'open', note: '请县政府办督促落实' });
    expect(notice.snapshot.row.laggards).toBeGreaterThanOrEqual(1);
    expect(notice.snapshot.row.byCategory.refused_wiring).toBeGreaterThanOrEqual(1);
    expect(notice.snapshot.worst.length).toBeLessThanOrEqual(5);
    expect(notice.snapshot.worst.map((w: { unit: { id: string } }) => w.unit.id)).toContain(unit.id);
    // a second the same day is a slip of the hand
    expect((await longnan.office.post(`/api/areas/${TANCHANG}/notices`, {})).statusCode).toBe(409);

    // 宕昌县's office sees it; 武都区's office and a unit's contact do not (404, absent from lists)
    expect((await tanchang.office.get(`/api/notices/${notice.id}`)).statusCode).toBe(200);
    expect(await idsOf(tanchang.office, '&target=area')).toContain(notice.id);
    expect((await tanchang.viewer.get(`/api/notices/${notice.id}`)).statusCode).toBe(200);
    expect((await wudu.office.get(`/api/notices/${notice.id}`)).statusCode).toBe(404);
    expect(await idsOf(wudu.office)).not.toContain(notice.id);
    expect((await wudu.office.post(`/api/notices/${notice.id}/answer`, { text: '收到' })).statusCode).toBe(404);
    expect((await tanchangContact.get(`/api/notices/${notice.id}`)).statusCode).toBe(404);
    expect(await idsOf(tanchangContact)).not.toContain(notice.id);
    expect((await tanchangContact.post(`/api/notices/${notice.id}/answer`, { text: '收到' })).statusCode).toBe(404);
    // the city sees it in its list of 督办, not among its notices to units
    expect(await idsOf(longnan.office, '&target=area')).toContain(notice.id);
    expect(await idsOf(longnan.office, '&target=unit')).not.toContain(notice.id);

    // the city that issued it does not answer it; 宕昌县's office does not withdraw it
    expect((await longnan.office.post(`/api/notices/${notice.id}/answer`, { text: '收到' })).statusCode).toBe(403);
    expect((await tanchang.office.post(`/api/notices/${notice.id}/withdraw`, { reason: '不想答复' })).statusCode).toBe(403);
    const answered = await tanchang.office.post(`/api/notices/${notice.id}/answer`, { text: '已约谈乡镇负责人，本周内完成布线' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().notice).toMatchObject({ status: 'answered', answer: { text: '已约谈乡镇负责人，本周内完成布线', by: { displayName: tanchang.office.user.displayName } } });
    // answer XOR withdrawal still holds
    expect((await longnan.office.post(`/api/notices/${notice.id}/withdraw`, { reason: '发错了' })).statusCode).toBe(409);

    const rollup = await longnan.office.get(`/api/reports/areas?parent=${LONGNAN}`);
    expect(rollup.statusCode, rollup.body).toBe(200);
    const row = rollup.json().items.find((r: { area: { code: string } }) => r.area.code === TANCHANG);
    expect(row.dubang.count).toBeGreaterThanOrEqual(1);
    expect(row.dubang.answered).toBeGreaterThanOrEqual(1);
  });

  test('a county office cannot urge its parent, itself or a sibling', async ({ tanchang, longnan }) => {
    await refused(WUDU);
    expect((await tanchang.office.post(`/api/areas/${LONGNAN}/notices`, {})).statusCode).toBe(404);
    expect((await tanchang.office.post(`/api/areas/${TANCHANG}/notices`, {})).statusCode).toBe(403);
    expect((await tanchang.office.post(`/api/areas/${WUDU}/notices`, {})).statusCode).toBe(404);
    expect((await longnan.office.post(`/api/areas/${LONGNAN}/notices`, {})).statusCode).toBe(403);
    expect((await longnan.viewer.post(`/api/areas/${WUDU}/notices`, {})).statusCode).toBe(403);
    expect((await longnan.office.post('/api/areas/999999/notices', {})).statusCode).toBe(404);
  });

  test('an area with no laggard is not urged (409)', async ({ longnan }) => {
    const res = await longnan.office.post('/api/areas/621228/notices', {}); // 两当县: no unit here
    expect(res.statusCode, res.body).toBe(409);
  });

  test('an unanswered 督办 past its date counts as overdue on the roll-up', async ({ longnan }) => {
    const day = addDays(today(DEFAULT_SETTINGS.timezone), -10);
    const snapshot = { row: { totalUnits: 1, onboarded: 0, onboardedShare: 0, laggards: 1, byCategory: {} }, worst: [] };
    await t.database.db.insert(notices).values({ year: 2026, seq: 700000 + Math.floor(Math.random() * 99999), unitId: null, targetArea: WEN, snapshot, unitCode: WEN, unitName: '文县', flags: [], severity: 1, issuedOn: day, respondBy: addDays(day, 7), issuedByName: 'x' });
    const row = (await longnan.office.get(`/api/reports/areas?parent=${LONGNAN}`)).json().items.find((r: { area: { code: string } }) => r.area.code === WEN);
    expect(row.dubang).toEqual({ count: 1, answered: 0, overdue: 1 });
  });
});

describe('a batch of 督办', () => {
  test('sends one to each child area with laggards, then skips them as urged today', async ({ longnan }) => {
    await refused(CHENG);
    await refused(WUDU);
    const dry = await longnan.office.post('/api/notices/batch?dryRun=true', { target: 'areas' });
    expect(dry.statusCode, dry.body).toBe(200);
    const willCreate = dry.json().willCreate;
    expect(willCreate).toBeGreaterThanOrEqual(2);
    const res = await longnan.office.post('/api/notices/batch', { target: 'areas', expected: willCreate });
    expect(res.statusCode, res.body).toBe(201);
    const targets = res.json().items.map((n: { target: { type: string; code: string } }) => n.target);
    expect(targets.every((x: { type: string }) => x.type === 'area')).toBe(true);
    expect(targets.map((x: { code: string }) => x.code)).toEqual(expect.arrayContaining([CHENG, WUDU]));
    expect(targets.every((x: { code: string }) => x.code.startsWith(LONGNAN) && x.code.length === 6)).toBe(true);
    const again = (await longnan.office.post('/api/notices/batch?dryRun=true', { target: 'areas' })).json();
    expect(again.willCreate).toBe(0);
    expect(again.skipped).toEqual(expect.arrayContaining([expect.objectContaining({ unitId: null, areaCode: CHENG, reason: 'urged_today' })]));
  });

  test('a county office has no child area to press: its batch of 督办 is empty', async ({ tanchang }) => {
    await refused(TANCHANG);
    const dry = await tanchang.office.post('/api/notices/batch?dryRun=true', { target: 'areas' });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().willCreate).toBe(0);
  });
});


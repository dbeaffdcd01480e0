// Urging notices and the scope (docs/contract/areas.md): a scoped office or viewer sees, issues and withdraws
// only the notices of units inside its scope; the list takes area=; a batch urges only the
// laggards inside the scope. Two counties of 陇南市: 宕昌县 621223 and 武都区 621202.
import { describe, expect, it } from 'vitest';
import { uniq, type Agent, type TestApp } from '../helpers/app.js';
import { TANCHANG, WUDU, test } from '../helpers/fixture.js';
import { BODIES } from '../helpers/steps.js';

let t: TestApp;
let whole: Agent;
let city: Agent;
let county: Agent;
test.beforeAll(({ t: testApp, office: fOffice, longnan, tanchang }) => {
  t = testApp;
  [whole, city, county] = [fOffice, longnan.office, tanchang.office];
});

async function refused(areaCode: string | null, parentCode: string) {
  const unit = await t.unit({ kind: 'township', areaCode, parentCode });
  expect((await whole.post(`/api/units/${unit.id}/events`, BODIES['wiring.refused'])).statusCode).toBe(201);
  return unit;
}

const unitIdsOf = async (agent: Agent, query = '') => {
  const res = await agent.get(`/api/notices?pageSize=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return new Set((res.json().items as { unitId: string }[]).map((n) => n.unitId));
};

describe('notices by scope', () => {
  test('issues, reads, lists and withdraws inside the scope only', async ({ tanchang }) => {
    const group = uniq('P');
    const [a, b] = [await refused(TANCHANG, group), await refused(WUDU, group)];
    expect((await county.post(`/api/units/${b.id}/notices`, {})).statusCode).toBe(404);
    const mine = await county.post(`/api/units/${a.id}/notices`, {});
    expect(mine.statusCode, mine.body).toBe(201);
    const theirs = (await whole.post(`/api/units/${b.id}/notices`, {})).json().notice;
    expect((await county.get(`/api/notices/${theirs.id}`)).statusCode).toBe(404);
    expect((await city.get(`/api/notices/${theirs.id}`)).statusCode).toBe(200);
    const viewer = tanchang.viewer;
    expect((await viewer.get(`/api/notices/${theirs.id}`)).statusCode).toBe(404);
    const seen = await unitIdsOf(viewer);
    expect([seen.has(a.id), seen.has(b.id)]).toEqual([true, false]);
    const cityList = await unitIdsOf(city, `&area=${WUDU}`);
    expect([cityList.has(a.id), cityList.has(b.id)]).toEqual([false, true]);
    expect((await county.get(`/api/notices?area=${WUDU}`)).statusCode).toBe(404);
    expect((await county.post(`/api/notices/${theirs.id}/withdraw`, { reason: '发错了' })).statusCode).toBe(404);
    expect((await whole.post(`/api/notices/${theirs.id}/withdraw`, { reason: '发错了' })).statusCode).toBe(200);
  });

  it('urges in a batch only the laggards inside the scope', async () => {
    const group = uniq('P');
    const [a, b, none] = [await refused(TANCHANG, group), await refused(WUDU, group), await refused(null, group)];
    const dry = await county.post('/api/notices/batch?dryRun=true', { parentCode: group });
    // a dry run creates nothing and says so: willCreate is the count
    expect(dry.json()).toMatchObject({ created: 0, willCreate: 1 });
    const res = await county.post('/api/notices/batch', { parentCode: group });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items.map((n: { unitId: string }) => n.unitId)).toEqual([a.id]);
    const rest = await whole.post('/api/notices/batch', { parentCode: group });
    expect(new Set(rest.json().items.map((n: { unitId: string }) => n.unitId))).toEqual(new Set([b.id, none.id]));
  });
});

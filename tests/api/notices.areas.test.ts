// Urging notices and the scope (areas.md): a scoped office or viewer sees, issues and withdraws
// only the notices of units inside its scope; the list takes area=; a batch urges only the
// laggards inside the scope. Two counties of 陇南市: 宕昌县 621223 and 武都区 621202.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { BODIES } from '../helpers/steps.js';

const TANCHANG = '621223';
const WUDU = '621202';

let t: TestApp;
let whole: Agent;
let city: Agent;
let county: Agent;
beforeAll(async () => {
  t = await createTestApp();
  [whole, city, county] = await Promise.all([t.as('office'), t.as('office', { scope: '6212' }), t.as('office', { scope: TANCHANG })]);
});
afterAll(() => t.close());

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
  it('issues, reads, lists and withdraws inside the scope only', async () => {
    const group = uniq('P');
    const [a, b] = [await refused(TANCHANG, group), await refused(WUDU, group)];
    expect((await county.post(`/api/units/${b.id}/notices`, {})).statusCode).toBe(404);
    const mine = await county.post(`/api/units/${a.id}/notices`, {});
    expect(mine.statusCode, mine.body).toBe(201);
    const theirs = (await whole.post(`/api/units/${b.id}/notices`, {})).json().notice;
    expect((await county.get(`/api/notices/${theirs.id}`)).statusCode).toBe(404);
    expect((await city.get(`/api/notices/${theirs.id}`)).statusCode).toBe(200);
    const viewer = await t.as('viewer', { scope: TANCHANG });
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
    expect(dry.json()).toMatchObject({ created: 1 });
    const res = await county.post('/api/notices/batch', { parentCode: group });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items.map((n: { unitId: string }) => n.unitId)).toEqual([a.id]);
    const rest = await whole.post('/api/notices/batch', { parentCode: group });
    expect(new Set(rest.json().items.map((n: { unitId: string }) => n.unitId))).toEqual(new Set([b.id, none.id]));
  });
});

// Each level's voice (docs/contract/api.md "Each level's voice"): an area's office signs and
// numbers its own notices; its settings carry the 落款 and 文号 prefix, derived from its name until
// it sets them. Two counties of 陇南市: 宕昌县 621223 and 武都区 621202.
import { describe, expect, it } from 'vitest';
import { errorOf, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { LONGNAN, TANCHANG, WUDU, test } from '../helpers/fixture.js';
import { BODIES } from '../helpers/steps.js';

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

const year = new Date().getFullYear();
/** N of 宕政办催〔2026〕N号 */
const seqOf = (number: string, prefix: string) => {
  const m = new RegExp(`^${prefix}催〔(\\d{4})〕(\\d+)号$`).exec(number);
  expect(m, number).not.toBeNull();
  return Number(m![2]);
};

describe('numbers per issuing area per year', () => {
  // first in the file: no notice was issued on this database before
  test('two counties’ first notices are both N=1, each in its own name', async ({ tanchang, wudu }) => {
    const [a, b] = [await refused(TANCHANG), await refused(WUDU)];
    const first = (await tanchang.office.post(`/api/units/${a.id}/notices`, {})).json().notice;
    const second = (await wudu.office.post(`/api/units/${b.id}/notices`, {})).json().notice;
    expect(first.number).toBe(`宕政办催〔${year}〕1号`);
    expect(first.issuer).toEqual({ areaCode: TANCHANG, signingOffice: '宕昌县人民政府办公室', whole: '全县' });
    expect(second.number).toBe(`武政办催〔${year}〕1号`);
    expect(second.issuer).toEqual({ areaCode: WUDU, signingOffice: '武都区人民政府办公室', whole: '全区' });
    // read back the same
    expect((await wudu.office.get(`/api/notices/${second.id}`)).json().notice).toMatchObject({ number: second.number, issuer: second.issuer });
  });

  test('100 notices at once in two counties give two gapless sequences', async ({ tanchang, wudu }) => {
    const units = await Promise.all(Array.from({ length: 100 }, (_, i) => refused(i % 2 ? WUDU : TANCHANG)));
    const answers = await Promise.all(units.map((u, i) => (i % 2 ? wudu : tanchang).office.post(`/api/units/${u.id}/notices`, {})));
    for (const res of answers) expect(res.statusCode, res.body).toBe(201);
    const list = async (agent: Agent, prefix: string) => {
      const items = (await agent.get('/api/notices?pageSize=500')).json().items as { number: string }[];
      return items.map((n) => seqOf(n.number, prefix)).sort((x, y) => x - y);
    };
    // 50 each, after the first test's one
    expect(await list(tanchang.office, '宕政办')).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    expect(await list(wudu.office, '武政办')).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
  });

  test('a city office’s notice is the city’s; a whole-installation office speaks for the batch’s area', async ({ longnan }) => {
    const u = await refused(WUDU);
    const notice = (await longnan.office.post(`/api/units/${u.id}/notices`, {})).json().notice;
    expect(notice.number).toBe(`陇政办催〔${year}〕1号`);
    expect(notice.issuer).toMatchObject({ areaCode: LONGNAN, signingOffice: '陇南市人民政府办公室', whole: '全市' });
    const v = await refused(WUDU);
    const batch = await whole.post('/api/notices/batch', { area: WUDU, parentCode: v.parentCode! });
    expect(batch.statusCode, batch.body).toBe(201);
    expect(batch.json().items[0].issuer.signingOffice).toBe('武都区人民政府办公室');
  });
});

describe('an area’s 落款 and 文号 prefix', () => {
  test('derive from the name until set, and are set by that area’s office', async ({ wudu, tanchang }) => {
    const got = (await wudu.office.get(`/api/settings?area=${WUDU}`)).json();
    expect(got).toMatchObject({ signingOffice: '武都区人民政府办公室', docPrefix: '武政办', own: { signingOffice: null, docPrefix: null } });
    const put = await wudu.office.put(`/api/settings?area=${WUDU}`, { stallDays: 9, signingOffice: ' 武都区政务服务中心 ', docPrefix: '武政服' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ stallDays: 9, signingOffice: '武都区政务服务中心', docPrefix: '武政服', own: { signingOffice: '武都区政务服务中心', docPrefix: '武政服' } });
    // a PUT of the deadlines alone keeps the voice; null derives it again
    expect((await wudu.office.put(`/api/settings?area=${WUDU}`, { stallDays: 8 })).json()).toMatchObject({ stallDays: 8, signingOffice: '武都区政务服务中心' });
    const u = await refused(WUDU);
    const notice = (await wudu.office.post(`/api/units/${u.id}/notices`, {})).json().notice;
    expect(notice.number).toMatch(new RegExp(`^武政服催〔${year}〕\\d+号$`));
    expect(notice.issuer.signingOffice).toBe('武都区政务服务中心');
    const back = await wudu.office.put(`/api/settings?area=${WUDU}`, { signingOffice: null, docPrefix: '' });
    expect(back.json()).toMatchObject({ signingOffice: '武都区人民政府办公室', docPrefix: '武政办', own: { signingOffice: null, docPrefix: null } });
    // the notice keeps what it was signed with
    expect((await wudu.office.get(`/api/notices/${notice.id}`)).json().notice.issuer.signingOffice).toBe('武都区政务服务中心');
    // another county's office cannot set it
    expect((await tanchang.office.put(`/api/settings?area=${WUDU}`, { signingOffice: '宕昌县人民政府办公室' })).statusCode).toBe(404);
  });

  it('refuses a prefix with brackets or spaces, and a 落款 too long', async () => {
    const bad = await whole.put(`/api/settings?area=${TANCHANG}`, { docPrefix: '宕〔政〕' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('VALIDATION_FAILED');
    expect((await whole.put(`/api/settings?area=${TANCHANG}`, { signingOffice: '办'.repeat(61) })).statusCode).toBe(400);
  });
});

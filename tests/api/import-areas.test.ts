// The import and the area tree (docs/contract/areas.md): the 所属区县 column by code or by name, filled from a
// township's code when blank, and the importer's scope: rows outside it, or naming a unit outside
// it, and counties that do not exist are bad rows named by row number, in the preview too.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { errorOf, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { TANCHANG, WUDU, test } from '../helpers/fixture.js';

let t: TestApp;
let whole: Agent;
let city: Agent;
let county: Agent;
test.beforeAll(({ t: testApp, office: fOffice, longnan, tanchang }) => {
  t = testApp;
  [whole, city, county] = [fOffice, longnan.office, tanchang.office];
});

const send = (agent: Agent, body: string | Buffer, query = '') => agent.request('POST', `/api/units/import${query}`, body, { 'content-type': 'text/csv' });
const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const areaOf = async (code: string) => {
  const { items } = (await whole.get(`/api/units?q=${encodeURIComponent(code)}`)).json();
  return items.find((u: { code: string }) => u.code === code) as { areaCode: string | null; areaName: string | null } | undefined;
};
const code = () => uniq('D').toUpperCase();
const township = (countyCode: string) => `${countyCode}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;

describe('the 所属区县 column', () => {
  it('takes a county by its code or by its name, under either heading', async () => {
    const [a, b, c] = [code(), code(), code()];
    const res = await send(city, csv('编码,名称,类型,所属区县', `${a},县财政局,部门,${TANCHANG}`, `${b},区财政局,部门,武都区`));
    expect(res.statusCode, res.body).toBe(200);
    expect(await areaOf(a)).toMatchObject({ areaCode: TANCHANG, areaName: '宕昌县' });
    expect(await areaOf(b)).toMatchObject({ areaCode: WUDU, areaName: '武都区' });
    expect((await send(whole, csv('code,name,kind,areaCode', `${c},某局,department,宕昌县`))).statusCode).toBe(200);
    expect(await areaOf(c)).toMatchObject({ areaCode: TANCHANG });
  });

  it('fills a blank cell from a township’s code, then the importer’s county; keeps an existing unit’s', async () => {
    const [town, dept] = [township(WUDU), code()];
    expect((await send(whole, csv('编码,名称,类型', `${town},某镇,乡镇`))).statusCode).toBe(200);
    expect(await areaOf(town)).toMatchObject({ areaCode: WUDU });
    expect((await send(county, csv('编码,名称,类型,所属区县', `${dept},县档案馆,部门,`))).statusCode).toBe(200);
    expect(await areaOf(dept)).toMatchObject({ areaCode: TANCHANG });
    // a blank cell keeps the stored county of a unit that exists, even where the code says otherwise
    // (for an importer whose scope holds the county the code names: 宕昌县's office may not use a
    // code of 武都区's, tests/api/unit-codes.county.test.ts)
    await whole.patch(`/api/units/${(await whole.get(`/api/units?q=${town}`)).json().items[0].id}`, { areaCode: TANCHANG });
    const again = await send(city, csv('编码,名称,类型', `${town},某镇改名,乡镇`), '?dryRun=true');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ created: 0, updated: 1, changes: [{ code: town, changes: [{ field: 'name', from: '某镇', to: '某镇改名' }] }] });
  });

  it('shows a change of county in the preview', async () => {
    const unitCode = code();
    expect((await send(city, csv('编码,名称,类型,所属区县', `${unitCode},区水务局,部门,${TANCHANG}`))).statusCode).toBe(200);
    const res = await send(city, csv('编码,名称,类型,所属区县', `${unitCode},区水务局,部门,武都区`), '?dryRun=true');
    expect(res.json().changes).toEqual([{ row: 2, code: unitCode, name: '区水务局', changes: [{ field: 'areaCode', from: TANCHANG, to: WUDU }] }]);
  });

  it('reads 所属区县 from a GB18030 file', async () => {
    const code = uniq('G').toUpperCase();
    const file = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: csv('编码,名称,类型,所属区县', `${code},县档案局,部门,宕昌县`) });
    expect(file.includes(Buffer.from('宕昌', 'utf8'))).toBe(false);
    const res = await send(county, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(await areaOf(code)).toMatchObject({ areaCode: TANCHANG, areaName: '宕昌县' });
  });
});

describe('bad rows', () => {
  it('refuses rows outside the importer’s scope and counties that do not exist, by row number, writing nothing', async () => {
    const existing = await t.unit({ code: code(), areaCode: WUDU });
    const codes = [code(), code(), code(), code(), code(), township(WUDU), code()];
    const file = csv(
      '编码,名称,类型,所属区县',
      `${codes[0]},本县的局,部门,${TANCHANG}`,
      `${codes[1]},外县的局,部门,${WUDU}`,
      `${codes[2]},外县的局,部门,武都区`,
      `${codes[3]},无此县,部门,999999`,
      `${codes[4]},无此县,部门,不存在县`,
      `${codes[5]},外县的镇,乡镇,`,
      `${existing.code},外县的单位,部门,${TANCHANG}`,
      `${codes[6]},清空,部门,（清空）`,
    );
    for (const query of ['', '?dryRun=true']) {
      const res = await send(county, file, query);
      expect(res.statusCode, query).toBe(400);
      const details = errorOf(res).details as { row: number; field: string; message: string }[];
      expect(details.map((d) => [d.row, d.field]), query).toEqual([
        [3, 'areaCode'],
        [4, 'areaCode'],
        [5, 'areaCode'],
        [6, 'areaCode'],
        [7, 'code'],
        // row 8 (a code that names no county, held in 武都区): 宕昌县 may have its own (migration 0018)
        [9, 'areaCode'],
      ]);
      expect(details[0].message).toContain('不在您的管辖范围内');
      expect(details[1].message).toBe('您的管辖范围内没有名为“武都区”的区县');
      expect(details[2].message).toBe('所属区县代码 999999 不是一个区县');
      expect(details[4].message).toBe(`编码 ${codes[5]} 属于您管辖范围以外的区县，不能使用`);
    }
    expect(await areaOf(codes[0])).toBeUndefined();
    expect((await whole.get(`/api/units/${existing.id}`)).json().unit.name).toBe(existing.name);
  });

  it('asks a city importer for the county of a department, and the whole installation for a name that is not unique', async () => {
    const res = await send(city, csv('编码,名称,类型', `${code()},某局,部门`));
    expect(errorOf(res).details).toEqual([{ row: 2, field: 'areaCode', message: '请填写所属区县：无法从单位编码推定' }]);
    // 城关区 is 兰州市's and 拉萨市's
    const twice = await send(whole, csv('编码,名称,类型,所属区县', `${code()},某局,部门,城关区`));
    expect(twice.statusCode).toBe(400);
    expect((errorOf(twice).details as { message: string }[])[0].message).toMatch(/^区县名称“城关区”不唯一（\d{6}、\d{6}.*），请填写 6 位区县代码$/);
  });

  it('does not name a unit outside the scope in a warning, nor take a technician outside it', async () => {
    const name = `同名${uniq()}`;
    await t.unit({ name, areaCode: WUDU });
    const unitCode = code();
    const res = await send(county, csv('编码,名称,类型', `${unitCode},${name},部门`), '?dryRun=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().warnings).toEqual([]);
    const wide = await t.as('technician');
    const refused = await send(county, csv('编码,名称,类型,负责技术员', `${unitCode},某局,部门,${wide.user.username}`));
    expect(errorOf(refused).details).toEqual([expect.objectContaining({ row: 2, field: 'assignee' })]);
  });
});

describe('a file checked, then overtaken before it is written', () => {
  // the window the adversarial review found: a 3,000-row file is checked for a moment before it
  // is written, and the unit one of its rows updates was moved out of the importer's county meanwhile
  it('takes over nothing: a unit moved meanwhile to another county stays as it was, and nothing is imported', async () => {
    const { checkFile, writeChecked } = await import('../../server/features/units/import.service.js');
    const { parseCsv } = await import('../../server/features/units/import.parse.js');
    const { actorFor } = await import('../../server/lib/actor.js');
    const actor = actorFor({ ...county.user, scope: TANCHANG }, '127.0.0.1');
    const [taken, other] = [code(), code()];
    const made = await whole.post('/api/units', { code: taken, name: '宕昌原有单位', kind: 'department', areaCode: TANCHANG, contactPhone: '13900000000' });
    expect(made.statusCode, made.body).toBe(201);
    const file = await checkFile(t.database.db, actor, await parseCsv(csv('code,name,kind', `${taken},宕昌覆盖,department`, `${other},宕昌新单位,department`)));
    expect(file.issues).toEqual([]);
    expect((await whole.patch(`/api/units/${made.json().unit.id}`, { areaCode: WUDU })).statusCode).toBe(200);

    const err = await writeChecked(t.database.db, actor, file).then(() => null, (e: unknown) => e as { status?: number; statusCode?: number; details?: { reason?: string } });
    expect(err?.details?.reason).toBe('changed_meanwhile');
    expect(await areaOf(taken)).toMatchObject({ areaCode: WUDU });
    const { items } = (await whole.get(`/api/units?q=${taken}`)).json();
    expect(items[0]).toMatchObject({ name: '宕昌原有单位', contactPhone: '13900000000' });
    expect(await areaOf(other)).toBeUndefined();
  });

  it('a code naming no county that another county takes meanwhile is no conflict: each county has its own', async () => {
    const { checkFile, writeChecked } = await import('../../server/features/units/import.service.js');
    const { parseCsv } = await import('../../server/features/units/import.parse.js');
    const { actorFor } = await import('../../server/lib/actor.js');
    const actor = actorFor({ ...county.user, scope: TANCHANG }, '127.0.0.1');
    const shared = code();
    const file = await checkFile(t.database.db, actor, await parseCsv(csv('code,name,kind', `${shared},宕昌新单位,department`)));
    expect((await whole.post('/api/units', { code: shared, name: '武都原有单位', kind: 'department', areaCode: WUDU })).statusCode).toBe(201);
    expect(await writeChecked(t.database.db, actor, file)).toMatchObject({ created: 1, updated: 0 });
    const { items } = (await whole.get(`/api/units?q=${shared}`)).json();
    expect(items.map((u: { name: string; areaCode: string }) => [u.areaCode, u.name]).sort()).toEqual([[WUDU, '武都原有单位'], [TANCHANG, '宕昌新单位']].sort());
  });
});

// Imports from real files (issue 27 item 6): the header found under a title row in the first ten
// rows, and said in the answer; a name another unit has needs the clerk's confirmation row by row
// (docs/import.md), not a mere warning.
import { execFileSync } from 'node:child_process';
import { describe, expect } from 'vitest';
import { errorOf, uniq, type Agent } from '../helpers/app.js';
import { workbook, XLSX } from '../helpers/workbooks.js';
import { WUDU, test } from '../helpers/fixture.js';

const TITLE = '宕昌县政务专网接入单位名单';
const gb18030 = (text: string) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text });
const sendCsv = (agent: Agent, body: Buffer | string, query = '') => agent.request('POST', `/api/units/import${query}`, body, { 'content-type': 'text/csv' });
const sendXlsx = (agent: Agent, body: Buffer, query = '') => agent.request('POST', `/api/units/import${query}`, body, { 'content-type': XLSX });
const code = () => uniq('N').toUpperCase();
const unitOf = async (agent: Agent, c: string) => (await agent.get(`/api/units?q=${c}`)).json().items[0];

describe('the header under a title', () => {
  test('an .xlsx with a title row and a blank row above the header imports, and says the header is row 3', async ({ office }) => {
    const [a, b] = [code(), code()];
    const file = await workbook([
      [TITLE],
      [],
      ['编码', '名称', '类型', '联系人', '备注'],
      [a, { formula: 'CONCAT("县","档案馆")', result: '县档案馆' }, '部门', null, '多余列'],
      [b, '哈达铺镇人民政府', '乡镇', '', ''],
    ]);
    for (const query of ['?dryRun=true', '']) {
      const res = await sendXlsx(office, file, query);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ created: 2, updated: 0, headerRow: 3, ignoredColumns: ['备注'] });
    }
    expect(await unitOf(office, a)).toMatchObject({ name: '县档案馆', contactName: null });
  });

  test('a GB18030 CSV from WPS with a title row names its bad rows as the spreadsheet numbers them', async ({ office }) => {
    const a = code();
    const file = gb18030(`${TITLE},,,\r\n编码,名称,类型,联系电话\r\n${a},县林草局,部门,\r\n${code()},,部门,abc\r\n`);
    expect(file.includes(Buffer.from('名单', 'utf8'))).toBe(false);
    const res = await sendCsv(office, file, '?dryRun=true');
    expect(res.statusCode).toBe(400);
    expect((errorOf(res).details as { row: number; field: string }[]).map((d) => [d.row, d.field])).toEqual([
      [4, 'name'],
      [4, 'contactPhone'],
    ]);
    const ok = await sendCsv(office, gb18030(`${TITLE}\r\n\r\n编码,名称,类型\r\n${a},县林草局,部门\r\n`));
    expect(ok.json()).toMatchObject({ created: 1, headerRow: 3 });
  });

  test('a file with no header in its first ten rows is refused, naming the columns the nearest row lacks', async ({ office }) => {
    const lines = [TITLE, ...Array.from({ length: 10 }, (_, i) => `说明第${i + 1}行`), '编码,名称,类型', `${code()},某局,部门`];
    const res = await sendCsv(office, `${lines.join('\r\n')}\r\n`, '?dryRun=true');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual(expect.arrayContaining([{ row: 1, field: 'code', message: 'column code is missing from the header' }]));
  });

  test('a header on the first row is row 1, as before', async ({ office }) => {
    const res = await sendCsv(office, `编码,名称,类型\r\n${code()},县统计局,部门\r\n`, '?dryRun=true');
    expect(res.json()).toMatchObject({ created: 1, headerRow: 1 });
  });
});

describe('a name another unit has', () => {
  test('a second 宕昌县融媒体中心 is listed for confirmation in the dry run and refused until confirmed', async ({ tanchang }) => {
    const name = `宕昌县融媒体中心${uniq()}`;
    const first = await tanchang.office.post('/api/units', { code: code(), name, kind: 'department' });
    expect(first.statusCode).toBe(201);
    const fresh = code();
    const file = `编码,名称,类型\r\n${fresh},${name},部门\r\n${code()},县气象局${uniq()},部门\r\n`;

    const dry = await sendCsv(tanchang.office, file, '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().nameConfirmations).toEqual([{ row: 2, code: fresh, name, usedBy: [first.json().unit.code], confirmed: false }]);

    const refused = await sendCsv(tanchang.office, file);
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details).toEqual([{ row: 2, field: 'name', message: expect.stringContaining(`名称“${name}”已有单位使用`) }]);
    expect(await unitOf(tanchang.office, fresh)).toBeUndefined();

    expect((await sendCsv(tanchang.office, file, '?dryRun=true&confirmNames=2')).json().nameConfirmations[0].confirmed).toBe(true);
    const done = await sendCsv(tanchang.office, file, '?confirmNames=2');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ created: 2, updated: 0 });
  });

  test('two new rows of one name each need it; a unit keeping its own name needs nothing', async ({ office }) => {
    const name = `县融媒体中心${uniq()}`;
    const [a, b] = [code(), code()];
    const twice = await sendCsv(office, `编码,名称,类型\r\n${a},${name},部门\r\n${b},${name},部门\r\n`, '?dryRun=true');
    expect(twice.json().nameConfirmations.map((c: { row: number; usedBy: string[] }) => [c.row, c.usedBy])).toEqual([[2, [b]], [3, [a]]]);
    expect((await sendCsv(office, `编码,名称,类型\r\n${a},${name},部门\r\n${b},${name},部门\r\n`, '?confirmNames=3')).statusCode).toBe(400);
    expect((await sendCsv(office, `编码,名称,类型\r\n${a},${name},部门\r\n${b},${name},部门\r\n`, '?confirmNames=2,3')).statusCode).toBe(200);
    const again = await sendCsv(office, `编码,名称,类型,联系人\r\n${a},${name},部门,张三\r\n`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ updated: 1 });
  });

  test('a name used only outside the scope asks nothing, and so tells nothing', async ({ t, tanchang }) => {
    const name = `武都区某中心${uniq()}`;
    await t.unit({ name, areaCode: WUDU });
    const res = await sendCsv(tanchang.office, `编码,名称,类型\r\n${code()},${name},部门\r\n`, '?dryRun=true');
    expect(res.json().nameConfirmations).toEqual([]);
  });

  test('one name in two counties (城关镇) asks nothing: names are compared within a county', async ({ office }) => {
    const name = `城关镇${uniq()}`;
    const town = (county: string) => `${county}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const res = await sendCsv(office, `编码,名称,类型\r\n${town('621223')},${name},乡镇\r\n${town(WUDU)},${name},乡镇\r\n`, '?dryRun=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, nameConfirmations: [] });
  });

  test('confirmNames takes row numbers only', async ({ office }) => {
    const res = await sendCsv(office, `编码,名称,类型\r\n${code()},某局,部门\r\n`, '?confirmNames=abc');
    expect(res.statusCode).toBe(400);
  });
});

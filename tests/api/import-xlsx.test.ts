// Workbooks as they come: every kind of cell exceljs can hand over, and files shaped to stall the
// server (a cell at XFD1, more rows than an import takes, 20,000 rows while others use the server).
import { describe, expect, it } from 'vitest';
import { errorOf, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { handWritten, rowXml, workbook, XLSX } from '../helpers/workbooks.js';

let t: TestApp;
let office: Agent;
test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});

const send = (file: Buffer, query = '') => office.request('POST', `/api/units/import${query}`, file, { 'content-type': XLSX });
const code = () => uniq('X').toUpperCase();
const unitOf = async (c: string) => (await office.get(`/api/units?q=${c}`)).json().items[0];
const HEADER = ['编码', '名称', '类型', '联系电话', '布线截止'];

describe('every kind of cell', () => {
  it('reads rich text as its words', async () => {
    const c = code();
    const res = await send(await workbook([HEADER, [c, { richText: [{ text: '红旗' }, { font: { bold: true }, text: '乡' }] }, '乡镇']]));
    expect(res.statusCode, res.body).toBe(200);
    expect((await unitOf(c)).name).toBe('红旗乡');
  });

  it('reads a hyperlink as its words', async () => {
    const c = code();
    const res = await send(await workbook([HEADER, [c, { text: '县档案馆', hyperlink: 'http://example.com/x' }, '部门']]));
    expect(res.statusCode, res.body).toBe(200);
    expect((await unitOf(c)).name).toBe('县档案馆');
  });

  it('reads a number as written, and a date as YYYY-MM-DD', async () => {
    const c = code();
    const res = await send(await workbook([HEADER, [c, '县水务局', '部门', 13912345678, new Date(Date.UTC(2026, 11, 20))]]));
    expect(res.statusCode, res.body).toBe(200);
    expect(await unitOf(c)).toMatchObject({ contactPhone: '13912345678', wiringDue: '2026-12-20' });
  });

  it('reads a formula by its saved result, a date-formatted one as a date', async () => {
    const c = code();
    const file = await workbook([HEADER, [c, { formula: 'CONCAT("县","医院")', result: '县医院' }, '部门', null, { formula: 'DATE(2026,12,21)', result: 46377 }]], (s) => {
      s.getCell('E2').numFmt = 'yyyy-mm-dd';
    });
    const res = await send(file);
    expect(res.statusCode, res.body).toBe(200);
    expect(await unitOf(c)).toMatchObject({ name: '县医院', wiringDue: '2026-12-21' });
  });

  it('reads a shared formula by its saved result', async () => {
    const [a, b] = [code(), code()];
    const file = await workbook(
      [HEADER, [a, { formula: 'UPPER("a")', result: '甲局' }, '部门'], [b, { sharedFormula: 'B2', result: '乙局' }, '部门']],
    );
    const res = await send(file);
    expect(res.statusCode, res.body).toBe(200);
    expect((await unitOf(b)).name).toBe('乙局');
  });

  it('refuses a formula without a saved result, naming its row and field, and writes nothing', async () => {
    const c = code();
    const existing = await t.unit({ code: c, name: '县民政局' });
    const res = await send(await workbook([HEADER, [c, { formula: 'A1&"x"' }, '部门']]));
    expect(res.statusCode, res.body).toBe(400);
    expect(errorOf(res).details).toEqual([{ row: 2, field: 'name', message: expect.stringMatching(/formula without a saved result/) }]);
    expect((await unitOf(existing.code)).name).toBe('县民政局');
  });

  it('refuses a formula without a saved result in a hand-written sheet (no <v>) too', async () => {
    const c = code();
    const file = await handWritten(rowXml(1, ['编码', '名称', '类型']) + rowXml(2, [c, { xml: '<f>B1&amp;"x"</f>' }, '部门']));
    const res = await send(file);
    expect(res.statusCode, res.body).toBe(400);
    expect(errorOf(res).details).toEqual([{ row: 2, field: 'name', message: expect.stringMatching(/formula without a saved result/) }]);
  });

  it('refuses an error cell (#N/A) and a formula whose result is an error, naming each', async () => {
    const file = await handWritten(
      rowXml(1, ['编码', '名称', '类型']) +
        rowXml(2, [code(), { t: 'e', xml: '<v>#N/A</v>' }, '部门']) +
        rowXml(3, [code(), { t: 'e', xml: '<f>1/0</f><v>#DIV/0!</v>' }, '部门']),
    );
    const res = await send(file);
    expect(res.statusCode, res.body).toBe(400);
    expect(errorOf(res).details).toEqual([
      { row: 2, field: 'name', message: 'holds the error #N/A' },
      { row: 3, field: 'name', message: expect.stringMatching(/error/) },
    ]);
  });

  it('reads a boolean as TRUE or FALSE (then checked as any text)', async () => {
    const c = code();
    const res = await send(await workbook([HEADER, [c, true, '部门']]));
    expect(res.statusCode, res.body).toBe(200);
    expect((await unitOf(c)).name).toBe('TRUE');
  });

  it('ignores a bad cell in a column it does not import', async () => {
    const c = code();
    const res = await send(await workbook([[...HEADER, '备注'], [c, '县林业局', '部门', null, null, { formula: 'X1' }]]));
    expect(res.statusCode, res.body).toBe(200);
  });

  it('keeps Chinese text whole across the unpacking chunks of a large shared-strings part', async () => {
    const rows: unknown[][] = [['编码', '名称', '类型']];
    const prefix = code();
    for (let i = 0; i < 3000; i++) rows.push([`${prefix}-${i}`, `县第${i}号单位名称较长的机关事业单位`, '部门']);
    const res = await send(await workbook(rows));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const { items } = (await office.get(`/api/units?q=${prefix}&pageSize=500`)).json();
    expect(items.filter((u: { name: string }) => u.name.includes('\uFFFD'))).toEqual([]);
  });
});

describe('files shaped to stall the server', () => {
  it('refuses a workbook with a value at XFD1 at once, saying the column limit', async () => {
    const rows: unknown[][] = [HEADER];
    for (let i = 0; i < 50; i++) rows.push([code(), `单位${i}`, '部门']);
    const file = await workbook(rows, (s) => {
      s.getCell('XFD1').value = '备注';
    });
    const started = performance.now();
    const res = await send(file, '?dryRun=true');
    // refused from the sheet's dimension, before any cell is read: far inside this bound on any
    // machine, while reading 16,384 columns a row would not be (the speed itself is a benchmark's)
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([{ row: 1, field: 'file', message: expect.stringMatching(/beyond column 100/) }]);
  });

  it('reads a workbook whose only far cell is an empty formatted one', async () => {
    const file = await workbook([HEADER, [code(), '县统计局', '部门']], (s) => {
      s.getCell('XFD1').numFmt = '@';
      s.getCell('XFD2').numFmt = '@';
    });
    const res = await send(file, '?dryRun=true');
    expect(res.statusCode, res.body).toBe(200);
  });

  it('refuses a workbook of 200,000 rows within seconds, saying the row limit', async () => {
    const parts = [rowXml(1, ['编码', '名称', '类型'])];
    for (let r = 2; r <= 200_001; r++) parts.push(rowXml(r, [`R${r}`, '单位', '部门']));
    const file = await handWritten(parts.join(''));
    const started = performance.now();
    const res = await send(file, '?dryRun=true');
    const took = performance.now() - started;
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([{ row: 1, field: 'file', message: expect.stringMatching(/more than 100000 rows/) }]);
    expect(took).toBeLessThan(15_000);
  }, 60_000);

  it('answers /healthz quickly while a 20,000-row workbook is checked', async () => {
    const rows: unknown[][] = [HEADER];
    const prefix = code();
    for (let i = 0; i < 20_000; i++) rows.push([`${prefix}-${i}`, `单位${i}`, '部门', '0939-5521234', new Date(Date.UTC(2026, 11, 20))]);
    const file = await workbook(rows);
    let done = false;
    const importing = send(file, '?dryRun=true').finally(() => (done = true));
    const latencies: number[] = [];
    while (!done) {
      const started = performance.now();
      expect((await t.anonymous.get('/healthz')).statusCode).toBe(200);
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
    const res = await importing;
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json().created).toBe(20_000);
    expect(latencies.length).toBeGreaterThan(5);
    // the check yields between rows: /healthz is answered all along, never held for the whole
    // check (a wide bound for a shared 2-core machine; the latency itself is a benchmark's)
    expect(Math.max(...latencies)).toBeLessThan(2_000);
  }, 120_000);
});

// The laggards report as CSV and as a workbook: the same rows as the JSON, ready to print.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { uniq, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';
import { day, reportsKit } from './reports.kit.js';

let t: TestApp;
let office: Agent;
let viewer: Agent;

test.beforeAll(({ t: testApp, office: fOffice, viewer: fViewer }) => {
  t = testApp;
  office = fOffice;
  viewer = fViewer;
});
const { record, unitIn } = reportsKit(() => ({ t, office }));

describe('GET /api/reports/laggards.csv and .xlsx', () => {
  async function twoLaggards() {
    const area = uniq('A');
    const refused = await unitIn(area, { code: `${area}-1`, name: '哈达铺镇人民政府', kind: 'township' });
    await record(refused.id, 'wiring.refused', -2);
    const late = await unitIn(area, { code: `${area}-2`, name: '县教育局', wiringDue: day(-3) });
    await record(late.id, 'wiring.started', -20);
    return { area, refused, late };
  }

  it('exports the same rows as a UTF-8 CSV with a BOM, Chinese headers and a dated download name', async () => {
    const { area } = await twoLaggards();
    const res = await office.get(`/api/reports/laggards.csv?parentCode=${area}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toContain(`filename="laggards-${day(0)}.csv"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`落后单位-${day(0)}.csv`)}`);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows: Record<string, string>[] = parse(res.rawPayload, { bom: true, columns: true });
    expect(rows.map((r) => [r['排名'], r['单位名称'], r['单位类型']])).toEqual([
      ['1', '县教育局', '部门'],
      ['2', '哈达铺镇人民政府', '乡镇'],
    ]);
    expect(rows[0]['问题']).toBe('布线逾期3天；进展停滞（布线）20天');
    expect(rows[0]['布线逾期（天）']).toBe('3');
    expect(rows[0]['拒绝布线（天）']).toBe('');
    expect(rows[1]['拒绝布线（天）']).toBe('2');
    // one decimal, as the board shows it
    expect(rows[1]['严重程度']).toBe(((5 * 9) / 7).toFixed(1));
    expect(rows[1]['最近进展']).toBe(`${day(-2)} 10:00`);
  });

  it('keeps a unit name that a spreadsheet would run as a formula as text', async () => {
    const area = uniq('A');
    const name = '=HYPERLINK("http://example.com","点此查看")';
    const unit = await unitIn(area, { name });
    await record(unit.id, 'wiring.refused', -1);
    const rows: Record<string, string>[] = parse((await office.get(`/api/reports/laggards.csv?parentCode=${area}`)).rawPayload, { bom: true, columns: true });
    expect(rows.map((r) => r['单位名称'])).toEqual([`'${name}`]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await office.get(`/api/reports/laggards.xlsx?parentCode=${area}`)).rawPayload as unknown as ArrayBuffer);
    const cell = book.worksheets[0].getRow(3).getCell(3);
    expect([cell.type, cell.value]).toEqual([ExcelJS.ValueType.String, name]);
  });

  it('names a past export by its as-of date and applies the filters', async () => {
    const { area, refused } = await twoLaggards();
    const res = await office.get(`/api/reports/laggards.csv?parentCode=${area}&asOf=${day(-1)}&category=refused_wiring`);
    expect(String(res.headers['content-disposition'])).toContain(`laggards-${day(-1)}.csv`);
    const rows: Record<string, string>[] = parse(res.rawPayload, { bom: true, columns: true });
    expect(rows.map((r) => r['单位编码'])).toEqual([refused.code]);
    expect(rows[0]['拒绝布线（天）']).toBe('1');
  });

  it('exports a workbook with a title row, Chinese headers, fitting widths and a frozen header', async () => {
    const { area } = await twoLaggards();
    const res = await viewer.get(`/api/reports/laggards.xlsx?parentCode=${area}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toContain(`filename="laggards-${day(0)}.xlsx"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`落后单位-${day(0)}.xlsx`)}`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('落后单位')!;
    expect(String(sheet.getRow(1).getCell(1).value)).toContain(`截至 ${day(0)}`);
    const headers = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(headers.slice(0, 4)).toEqual(['排名', '单位编码', '单位名称', '单位类型']);
    expect(sheet.getRow(3).getCell(3).value).toBe('县教育局');
    expect(sheet.getRow(4).getCell(3).value).toBe('哈达铺镇人民政府');
    expect(sheet.getRow(4).getCell(1).value).toBe(2);
    expect(sheet.rowCount).toBe(4);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    // the name column fits the longest name (8 CJK characters, two units each)
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual(16);
  });
});

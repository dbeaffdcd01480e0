// The roll-up as files (docs/contract/areas.md "Each level's voice", issue 24 item 6): the
// counties with no units carry "—" (no rank, no share) and come last, as on the screen; a
// total row closes the table; the workbook prints on A4 portrait.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';
import { LONGNAN, TANCHANG, WUDU, test } from '../helpers/fixture.js';
import { BODIES } from '../helpers/steps.js';

describe('the roll-up files', () => {
  test('rank the counties with units, show the empty ones as — last, and sum them in a total row', async ({ t, office }) => {
    const [a, b] = [await t.unit({ areaCode: TANCHANG }), await t.unit({ areaCode: WUDU })];
    await t.unit({ areaCode: WUDU });
    expect((await office.post(`/api/units/${a.id}/events`, BODIES['wiring.refused'])).statusCode).toBe(201);
    expect((await office.post(`/api/units/${b.id}/events`, { type: 'wiring.started' })).statusCode).toBe(201);
    const res = await office.get(`/api/reports/areas.csv?parent=${LONGNAN}`);
    expect(res.statusCode).toBe(200);
    const rows = parse(res.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    // nine counties of 陇南市, then the total
    expect(rows).toHaveLength(10);
    expect(rows.slice(0, 2).map((r) => [r['排名'], r['名称']])).toEqual([['1', '武都区'], ['2', '宕昌县']]);
    for (const r of rows.slice(2, 9)) expect([r['排名'], r['完成率（%）'], r['单位数']], r['名称']).toEqual(['—', '—', '0']);
    expect(rows[9]).toMatchObject({ 排名: '', 名称: '合计', 单位数: '3', 落后单位: '1', 拒绝布线: '1' });

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from((await office.get(`/api/reports/areas.xlsx?parent=${LONGNAN}`)).rawPayload) as never);
    const sheet = book.worksheets[0];
    expect(sheet.pageSetup).toMatchObject({ orientation: 'portrait', paperSize: 9, fitToWidth: 1 });
    expect(sheet.getRow(sheet.rowCount).getCell(3).value).toBe('合计');
  });
});

// The training numbers as files (api.md "GET /api/reports/training" and `.csv`/`.xlsx`): the same
// rows as the JSON, Chinese headers, a total row; the workbook prints on A4 and LibreOffice reads
// the Chinese back from it (`soffice --headless --convert-to pdf`, then pdftotext).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';
import { LONGNAN, TANCHANG, test } from '../helpers/fixture.js';
import { createTraining, trainingBody } from '../helpers/training.js';

const HEADERS = ['代码', '地区', '单位数', '已明确骨干', '骨干明确率（%）', '已参训', '参训率（%）', '已汇报（通过）', '汇报率（%）', '按期汇报', '按期汇报率（%）', '未派员参训'];

const onPath = (tool: string) => (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, tool)).find((p) => existsSync(p));
const soffice = onPath('soffice');
const printChecks = Boolean(process.env.CI) || Boolean(soffice && onPath('pdftotext'));

describe('the training numbers as files', () => {
  test('say what the JSON says, in Chinese, with a total row; the workbook prints and reads back', { timeout: 240_000 }, async ({ t, office }) => {
    const [a, b] = [await t.unit({ areaCode: TANCHANG }), await t.unit({ areaCode: TANCHANG })];
    expect((await office.post(`/api/units/${a.id}/backbones`, { kind: 'primary', name: '王骨干', post: '办公室主任' })).statusCode).toBe(201);
    const training = await createTraining(office, trainingBody({ unitIds: [a.id, b.id] }));
    expect((await office.post(`/api/trainings/${training.id}/attendance`, { unitId: a.id, status: 'attended', attendee: '王骨干' })).statusCode).toBe(200);

    const json = (await office.get(`/api/reports/training?area=${LONGNAN}`)).json() as { items: { area: { code: string; name: string }; units: number; backboneNamed: number; trained: number; absent: number }[] };
    const tanchang = json.items.find((r) => r.area.code === TANCHANG)!;
    expect(tanchang.backboneNamed).toBeGreaterThanOrEqual(1);
    expect(tanchang.trained).toBeGreaterThanOrEqual(1);

    const csv = await office.get(`/api/reports/training.csv?area=${LONGNAN}`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(decodeURIComponent(String(csv.headers['content-disposition']))).toContain('骨干培训情况-陇南市-');
    const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(HEADERS);
    // every child of 陇南市 as the JSON lists them, then 合计
    expect(rows.map((r) => r['地区'])).toEqual([...json.items.map((r) => r.area.name), '合计']);
    const row = rows.find((r) => r['代码'] === TANCHANG)!;
    expect([row['单位数'], row['已明确骨干'], row['已参训'], row['未派员参训']]).toEqual([tanchang.units, tanchang.backboneNamed, tanchang.trained, tanchang.absent].map(String));
    expect(row['骨干明确率（%）']).toBe(((Math.round((tanchang.backboneNamed / tanchang.units) * 1000) / 10).toFixed(1)));
    const total = rows.at(-1)!;
    expect(Number(total['单位数'])).toBe(json.items.reduce((n, r) => n + r.units, 0));
    // a county with no units has no share to show
    const empty = rows.find((r) => r['单位数'] === '0');
    if (empty) expect(empty['参训率（%）']).toBe('—');

    const xlsx = await office.get(`/api/reports/training.xlsx?area=${LONGNAN}`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.rawPayload) as never);
    const sheet = book.worksheets[0];
    expect(sheet.pageSetup).toMatchObject({ orientation: 'portrait', paperSize: 9, fitToWidth: 1 });
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('骨干培训情况：陇南市（截至');
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.getRow(sheet.rowCount).getCell(2).value).toBe('合计');

    if (!printChecks) return console.warn('soffice or pdftotext missing: the print check is skipped');
    const dir = mkdtempSync(join(tmpdir(), 'zw-training-'));
    try {
      const file = join(dir, 'training.xlsx');
      writeFileSync(file, xlsx.rawPayload);
      execFileSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 180_000, stdio: 'pipe' });
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'training.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      // the narrow headers wrap onto two lines (已明确骨 / 干): their first line is read back
      for (const words of ['骨干培训情况：陇南市', '已明确骨', '按期汇报率', '未派员参', '宕昌县', '武都区', '合计', '第 1 页，共 1 页']) expect(text).toContain(words);
      expect(text).toMatch(new RegExp(`${TANCHANG} 宕昌县 ${tanchang.units} ${tanchang.backboneNamed} `));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

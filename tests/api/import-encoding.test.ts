// A CSV as Windows and WPS save it: GB18030 (GBK) without a mark, UTF-8 with or without a BOM,
// UTF-16 with a BOM. The GB18030 files are made by glibc's iconv, as a real converter writes them.
import { execFileSync } from 'node:child_process';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { errorOf, uniq, type Agent } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

let office: Agent;
test.beforeAll(({ office: fOffice }) => {
  office = fOffice;
});

const send = (body: Buffer, query = '') => office.request('POST', `/api/units/import${query}`, body, { 'content-type': 'text/csv' });
const gb18030 = (text: string) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text });
const unitOf = async (code: string) => (await office.get(`/api/units?q=${code}`)).json().items[0];

describe('a CSV in the encoding it was saved in', () => {
  it('reads a GB18030 file with Windows line ends, blank cells, an extra column and a formula as text', async () => {
    const [a, b] = [uniq('G').toUpperCase(), uniq('G').toUpperCase()];
    const file = gb18030(`编码,名称,类型,联系人,联系电话,备注\r\n${a},红旗乡人民政府,乡镇,,,=SUM(A1:A2)\r\n${b},县财政局,部门,吴科长,0939-5521234,多余,列\r\n`);
    expect(file.includes(Buffer.from('红旗', 'utf8'))).toBe(false); // really not UTF-8
    const res = await send(file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, updated: 0, ignoredColumns: ['备注'] });
    expect(await unitOf(a)).toMatchObject({ name: '红旗乡人民政府', kind: 'township', contactName: null, contactPhone: null });
    expect(await unitOf(b)).toMatchObject({ name: '县财政局', contactName: '吴科长', contactPhone: '0939-5521234' });
  });

  it('reads characters outside GBK that GB18030 carries (four-byte sequences)', async () => {
    const code = uniq('G').toUpperCase();
    const res = await send(gb18030(`编码,名称,类型\r\n${code},𠀀镇人民政府,乡镇\r\n`));
    expect(res.statusCode, res.body).toBe(200);
    expect((await unitOf(code)).name).toBe('𠀀镇人民政府');
  });

  it('reads UTF-8 without a BOM and UTF-8 with one alike', async () => {
    // two names: a second unit of one name would need the clerk's confirmation (import-names.test.ts)
    for (const [bom, name] of [['', '县文旅局'], ['\uFEFF', '县民政局']]) {
      const code = uniq('U').toUpperCase();
      const res = await send(Buffer.from(`${bom}编码,名称,类型\n${code},${name},部门\n`, 'utf8'));
      expect(res.statusCode, res.body).toBe(200);
      expect((await unitOf(code)).name).toBe(name);
    }
  });

  it('reads UTF-16 LE and BE with their BOM (Excel’s "Unicode text")', async () => {
    for (const [enc, name] of [['utf-16le', '县人社局'], ['utf-16be', '县审计局']] as const) {
      const code = uniq('W').toUpperCase();
      const text = `\uFEFF编码,名称,类型\r\n${code},${name},部门\r\n`;
      const res = await send(iconv.encode(text, enc));
      expect(res.statusCode, `${enc}: ${res.body}`).toBe(200);
      expect((await unitOf(code)).name).toBe(name);
    }
  });

  it('refuses bytes in no known encoding with a 400 that says so', async () => {
    const binary = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00, 0x00, 0xff, 0x80, 0x81]); // an old .xls
    const res = await send(binary);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([{ row: 1, field: 'file', message: expect.stringMatching(/not text in a known encoding/) }]);
    const utf16NoBom = iconv.encode('编码,名称,类型\r\n', 'utf-16le');
    expect(errorOf(await send(utf16NoBom)).details).toEqual([expect.objectContaining({ message: expect.stringMatching(/known encoding/) })]);
  });

  it('reads an .xlsx workbook sent as text/csv as the workbook it is', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const code = uniq('Z').toUpperCase();
    wb.addWorksheet('单位').addRows([['编码', '名称', '类型'], [code, '县气象局', '部门']]);
    const res = await send(Buffer.from(await wb.xlsx.writeBuffer()), '?dryRun=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().created).toBe(1);
  });
});

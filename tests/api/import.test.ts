import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { errorOf, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

let t: TestApp;
let office: Agent;
test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const csv = (text: string, query = '') => office.request('POST', `/api/units/import${query}`, text, { 'content-type': 'text/csv; charset=utf-8' });
const count = async (area: string) => (await office.get(`/api/units?parentCode=${area}`)).json().total;

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('单位');
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('importing units from CSV', () => {
  it('creates units from a file with Chinese headers and a BOM', async () => {
    const area = uniq('A').toUpperCase();
    const p = uniq('P').toUpperCase();
    const file = `\uFEFF编码,名称,类型,上级编码,联系人,联系电话,地址,布线截止,接入截止\n${p}1,城关镇,乡镇,${area},张三,0939-5521234,城关镇新街1号,2026-12-15,2026-12-31\n${p}2,县财政局,部门,${area},,,,,\n`;
    const res = await csv(file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, updated: 0 });
    const { items } = (await office.get(`/api/units?parentCode=${area}`)).json();
    expect(items[0]).toMatchObject({ code: `${p}1`, name: '城关镇', kind: 'township', contactName: '张三', wiringDue: '2026-12-15' });
    expect(items[1]).toMatchObject({ name: '县财政局', kind: 'department', contactName: null });
    expect(items[0].progress.wiring.status).toBe('pending');
  });

  it('updates units whose code exists, keeping columns the file does not have', async () => {
    const area = uniq('A').toUpperCase();
    const code = uniq('P');
    await csv(`code,name,kind,parentCode,contactName\n${code},旧名,township,${area},李四\n`);
    const res = await csv(`code,name,kind,parentCode\n${code},新名,department,${area}\n${uniq('P')},另一个,other,${area}\n`);
    expect(res.json()).toMatchObject({ created: 1, updated: 1 });
    const { items } = (await office.get(`/api/units?q=${code}`)).json();
    expect(items[0]).toMatchObject({ name: '新名', kind: 'department', contactName: '李四' });
  });

  it('writes nothing when any row is bad, and names every bad row as a spreadsheet numbers it', async () => {
    const area = uniq('A').toUpperCase();
    const dup = uniq('P');
    const file = [
      '编码,名称,类型,上级编码,布线截止',
      `${dup},甲,乡镇,${area},2026-12-01`,
      `${uniq('P')},,乡镇,${area},`,
      `${uniq('P')},丙,村,${area},`,
      `${dup},丁,部门,${area},`,
      `${uniq('P')},戊,部门,${area},2026-13-01`,
    ].join('\n');
    const res = await csv(file);
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('VALIDATION_FAILED');
    const details = error.details as { row: number; field: string; message: string }[];
    expect(details.map((d) => [d.row, d.field])).toEqual([
      [3, 'name'],
      [4, 'kind'],
      [5, 'code'],
      [6, 'wiringDue'],
    ]);
    expect(await count(area)).toBe(0);
  });

  it('names missing required columns on row 1', async () => {
    const res = await csv('名称,地址\n甲,某处\n');
    expect(res.statusCode).toBe(400);
    expect((errorOf(res).details as { row: number; field: string }[]).map((d) => `${d.row}:${d.field}`)).toEqual(['1:code', '1:kind']);
  });

  it('validates only on a dry run, answering what would happen', async () => {
    const area = uniq('A').toUpperCase();
    const existing = uniq('P');
    await csv(`code,name,kind,parentCode\n${existing},甲,township,${area}\n`);
    const res = await csv(`code,name,kind,parentCode\n${existing},甲2,township,${area}\n${uniq('P')},乙,township,${area}\n`, '?dryRun=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, updated: 1, dryRun: true });
    expect(await count(area)).toBe(1);
    expect((await office.get(`/api/units?q=${existing}`)).json().items[0].name).toBe('甲');
  });

  it('a dry run with bad rows answers the same 400 as the real import', async () => {
    const res = await csv('code,name,kind\nX1,,township\n', '?dryRun=true');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ row: 2, field: 'name' })]);
  });

  it('refuses a file with no rows', async () => {
    expect((await csv('code,name,kind\n')).statusCode).toBe(400);
  });

  it('is the office’s alone', async () => {
    const technician = await t.as('technician');
    const res = await technician.request('POST', '/api/units/import', 'code,name,kind\nX,Y,township\n', { 'content-type': 'text/csv' });
    expect(res.statusCode).toBe(403);
  });
});

describe('importing units from XLSX', () => {
  it('reads the first sheet, with Chinese headers and kinds, dates as dates and codes as numbers', async () => {
    const area = uniq('A').toUpperCase();
    const code = Math.floor(Math.random() * 1e9) + 600000000;
    const file = await workbook([
      ['编码', '名称', '类型', '上级编码', '布线截止'],
      [code, '理川镇', '乡镇', area, new Date(Date.UTC(2026, 11, 20))],
    ]);
    const res = await office.request('POST', '/api/units/import', file, { 'content-type': XLSX });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, updated: 0 });
    const { items } = (await office.get(`/api/units?parentCode=${area}`)).json();
    expect(items[0]).toMatchObject({ code: String(code), name: '理川镇', kind: 'township', wiringDue: '2026-12-20' });
  });

  it('names bad rows of a workbook and writes nothing', async () => {
    const area = uniq('A').toUpperCase();
    const file = await workbook([
      ['code', 'name', 'kind', 'parentCode'],
      [uniq('P'), '好', 'township', area],
      [uniq('P'), '坏', 'county', area],
    ]);
    const res = await office.request('POST', '/api/units/import', file, { 'content-type': XLSX });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ row: 3, field: 'kind' })]);
    expect(await count(area)).toBe(0);
  });

  it('names a date cell beyond any calendar (Excel shows ####) instead of failing', async () => {
    const area = uniq('A').toUpperCase();
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('单位');
    sheet.addRow(['code', 'name', 'kind', 'parentCode', 'wiringDue']);
    sheet.addRow([uniq('P'), '好', 'township', area, 1e9]).getCell(5).numFmt = 'yyyy-mm-dd';
    const res = await office.request('POST', '/api/units/import', Buffer.from(await wb.xlsx.writeBuffer()), { 'content-type': XLSX });
    expect(res.statusCode, res.body).toBe(400);
    expect(errorOf(res).details).toEqual([{ row: 2, field: 'wiringDue', message: 'holds a date out of range' }]);
    expect(await count(area)).toBe(0);
  });

  it('answers 400 for a body that is not a workbook', async () => {
    const res = await office.request('POST', '/api/units/import', Buffer.from('not a zip'), { 'content-type': XLSX });
    expect(res.statusCode).toBe(400);
  });

  it('takes files over the 1 MiB JSON limit', async () => {
    const area = uniq('A').toUpperCase();
    const lines = ['code,name,kind,parentCode,address'];
    const pad = '某'.repeat(120);
    for (let i = 0; i < 4000; i++) lines.push(`${area}-${i},单位${i},other,${area},${pad}`);
    const text = lines.join('\n');
    expect(Buffer.byteLength(text)).toBeGreaterThan(1024 * 1024);
    const res = await csv(text);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.json().created).toBe(4000);
  });
});

describe('file size', () => {
  it('refuses a file over 20 MiB with 413', async () => {
    const big = 'code,name,kind\n' + 'x'.repeat(21 * 1024 * 1024);
    const res = await csv(big);
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).code).toBe('PAYLOAD_TOO_LARGE');
  });
});

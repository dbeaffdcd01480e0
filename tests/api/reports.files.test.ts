// The exports as an office clerk prints them: the laggard workbook and the units list, set up
// for A4 landscape, fit to the page's width, the header row on every page, page numbers in the
// footer, real dates, one decimal of severity. LibreOffice renders each workbook to PDF as it
// would print (`soffice --headless --convert-to pdf`), and the pages are counted and read back.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addDays, today } from '../../shared/domain/dates.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import { errorOf, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

let t: TestApp;
let office: Agent;
let technician: Agent;
test.beforeAll(async ({ t: testApp, office: fOffice, technician: fTechnician }) => {
  t = testApp;
  office = fOffice;
  technician = fTechnician;
  expect((await office.put('/api/settings', DEFAULT_SETTINGS)).statusCode).toBe(200);
});

const TZ = 'Asia/Shanghai';
const OUT = 'test-results/exports';

/** A refusal `days` ago at 10:00 in the campaign's zone. */
async function refuse(unitId: string, days: number) {
  const res = await office.post(`/api/units/${unitId}/events`, {
    type: 'wiring.refused',
    occurredAt: `${addDays(today(TZ), -days)}T10:00:00+08:00`,
    data: { reason: '领导不在，不让进办公室' },
  });
  expect(res.statusCode, res.body).toBe(201);
}

async function workbookOf(url: string, agent: Agent = office) {
  const res = await agent.get(url);
  expect(res.statusCode, res.body).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return { res, sheet: book.worksheets[0] };
}

/** 40 laggards with long names, contacts and a technician: more rows than one page holds. */
async function county() {
  const area = uniq('P');
  for (let i = 1; i <= 40; i++) {
    const unit = await t.unit({
      parentCode: area,
      code: `62122310${String(i).padStart(2, '0')}${area.slice(1, 4)}`,
      name: `宕昌县第${i}号乡镇人民政府便民服务中心（含村级服务站）`,
      kind: 'township',
      contactName: '张主任',
      contactPhone: `0939-55${String(i).padStart(5, '0')}`,
      assigneeId: technician.user.id,
    });
    await refuse(unit.id, 1 + (i % 9));
  }
  return area;
}

/** A tool as the shell finds it (`command -v`, as .ci/run looks for it): the first on PATH. */
const onPath = (tool: string) => (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, tool)).find((p) => existsSync(p));
const soffice = onPath('soffice');
const pdfTools = Boolean(onPath('pdfinfo') && onPath('pdftotext'));
// on a developer's machine without them the print checks are skipped; in CI, which installs
// them, they run, and a missing tool fails there instead of passing as skipped
const printChecks = Boolean(process.env.CI) || Boolean(soffice && pdfTools);
if (!printChecks) console.warn('soffice or pdfinfo/pdftotext missing: the print checks are skipped (apt-get install -y libreoffice-calc-nogui poppler-utils; CI installs them)');

/** The workbook as LibreOffice prints it: the PDF's page count, each page's text, PNGs to look at. */
function printed(name: string, xlsx: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'zw-print-'));
  try {
    const file = join(dir, `${name}.xlsx`);
    writeFileSync(file, xlsx);
    expect(soffice, 'soffice on PATH (.ci/run installs it)').toBeDefined();
    expect(pdfTools, 'pdfinfo and pdftotext on PATH (.ci/run installs them)').toBe(true);
    execFileSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 180_000, stdio: 'pipe' });
    const pdf = join(dir, `${name}.pdf`);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    const [w, h] = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(info)!.slice(1).map(Number);
    const text = Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }));
    mkdirSync(OUT, { recursive: true });
    if (onPath('pdftoppm')) execFileSync('pdftoppm', ['-r', '70', '-png', pdf, join(OUT, name)]);
    execFileSync('cp', [pdf, join(OUT, `${name}.pdf`)]);
    return { pages, landscape: w > h, text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the laggard workbook', () => {
  it('is set up to print: A4 landscape, one page wide, the header row repeated, page numbers in the footer', async () => {
    const area = await county();
    const { sheet } = await workbookOf(`/api/reports/laggards.xlsx?parentCode=${area}&kind=township`);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' });
    expect(sheet.headerFooter.oddFooter).toContain('第 &P 页，共 &N 页');
    // a filtered file names its filter, as the bulletin does
    expect(String(sheet.getRow(1).getCell(1).value)).toContain(`落后单位（截至 ${today(TZ)}；单位类型：乡镇；上级编码：${area}）`);
    const headers = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(headers.slice(0, 12)).toEqual(['排名', '单位编码', '单位名称', '单位类型', '上级编码', '联系人', '联系电话', '负责技术员', '严重程度', '最长逾期天数', '问题', '最近进展']);
    // the per-category day columns repeat 问题: on screen for sorting, outside the printed area
    expect(sheet.pageSetup.printArea).toBe('A1:L42');
  });

  it('writes severity as a number shown with one decimal, dates as real dates, the rank apart from the code', async () => {
    const area = uniq('V');
    const unit = await t.unit({ parentCode: area, code: `${area}-1`, name: '县教育局', contactName: '李老师', contactPhone: '0939-5521234', assigneeId: technician.user.id });
    await refuse(unit.id, 2);
    const { sheet } = await workbookOf(`/api/reports/laggards.xlsx?parentCode=${area}`);
    const row = sheet.getRow(3);
    const cell = (header: string) => row.getCell((sheet.getRow(2).values as unknown[]).indexOf(header));
    expect(cell('严重程度').value).toBeCloseTo((5 * 9) / 7, 2);
    expect(cell('严重程度').numFmt).toBe('0.0');
    const last = cell('最近进展');
    expect(last.type).toBe(ExcelJS.ValueType.Date);
    expect(last.numFmt).toBe('yyyy-mm-dd hh:mm');
    // the wall clock of the campaign's zone, as the CSV writes it
    expect((last.value as Date).toISOString().slice(0, 16).replace('T', ' ')).toBe(`${addDays(today(TZ), -2)} 10:00`);
    expect([cell('联系人').value, cell('联系电话').value, cell('负责技术员').value]).toEqual(['李老师', '0939-5521234', technician.user.displayName]);
    expect(cell('排名').alignment).toMatchObject({ horizontal: 'center' });
    expect(cell('单位编码').border).toMatchObject({ left: { style: 'thin' }, right: { style: 'thin' } });
  });

  it.skipIf(!printChecks)('prints on few landscape pages, every page with the header row and its page number, the text as on screen', { timeout: 240_000 }, async () => {
    const area = await county();
    const res = await office.get(`/api/reports/laggards.xlsx?parentCode=${area}`);
    const pdf = printed('laggards', res.rawPayload);
    expect(pdf.landscape).toBe(true);
    // 40 rows, 12 columns: one page wide, two pages down (four portrait pages before)
    expect(pdf.pages).toBeLessThanOrEqual(3);
    pdf.text.forEach((page, i) => {
      for (const header of ['排名', '单位编码', '单位名称', '联系电话', '负责技术员', '严重程度', '最近进展']) expect(page, `page ${i + 1}`).toContain(header);
      expect(page.replace(/\s+/g, ' ')).toContain(`第 ${i + 1} 页，共 ${pdf.pages} 页`);
    });
    const all = pdf.text.join('\n');
    // a refusal of 9 days: 5 × (1 + 9/7) = 11.4, as the board shows it
    expect(all).toMatch(/\s11\.4\s/);
    expect(all).toContain(`${addDays(today(TZ), -9)} 10:00`);
    // rank and code apart: "1" then the code, not "16212231..."
    expect(all).toMatch(new RegExp(`(^|\\s)1\\s+62122310\\d\\d${area.slice(1, 4)}`, 'm'));
  });
});

describe('the full units list', () => {
  async function units() {
    const area = uniq('L');
    const a = await t.unit({ parentCode: area, code: `${area}-A`, name: '哈达铺镇人民政府', kind: 'township', contactName: '王镇长', contactPhone: '0939-5500001', wiringDue: '2026-12-15', assigneeId: technician.user.id });
    const b = await t.unit({ parentCode: area, code: `${area}-B`, name: '=县教育局', kind: 'department' });
    await refuse(b.id, 3);
    return { area, a, b };
  }

  it('exports every unit under the list’s filters as a CSV with the import’s headers', async () => {
    const { area } = await units();
    const res = await technician.get(`/api/units.csv?parentCode=${area}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent(`单位-${today(TZ)}.csv`)}`);
    const rows: Record<string, string>[] = parse(res.rawPayload, { bom: true, columns: true });
    expect(rows.map((r) => [r['编码'], r['名称'], r['类型'], r['联系人'], r['联系电话'], r['布线截止'], r['负责技术员'], r['布线']])).toEqual([
      [`${area}-A`, '哈达铺镇人民政府', '乡镇', '王镇长', '0939-5500001', '2026-12-15', technician.user.displayName, '未开始'],
      [`${area}-B`, "'=县教育局", '部门', '', '', '', '', '拒绝布线'],
    ]);
    expect(rows[1]['最近进展']).toBe(`${addDays(today(TZ), -3)} 10:00`);
    const townships: Record<string, string>[] = parse((await office.get(`/api/units.csv?parentCode=${area}&kind=township`)).rawPayload, { bom: true, columns: true });
    expect(townships.map((r) => r['编码'])).toEqual([`${area}-A`]);
  });

  it('exports the same as a printable workbook with real dates', async () => {
    const { area } = await units();
    const { res, sheet } = await workbookOf(`/api/units.xlsx?parentCode=${area}`, await t.as('viewer'));
    expect(String(res.headers['content-disposition'])).toContain(`units-${today(TZ)}.xlsx`);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' });
    expect((sheet.getRow(2).values as unknown[]).slice(1, 4)).toEqual(['编码', '名称', '类型']);
    const due = sheet.getRow(3).getCell(8);
    expect([due.type, (due.value as Date).toISOString(), due.numFmt]).toEqual([ExcelJS.ValueType.Date, '2026-12-15T00:00:00.000Z', 'yyyy-mm-dd']);
    // a workbook cell is text: no apostrophe needed
    expect(sheet.getRow(4).getCell(2).value).toBe('=县教育局');
  });

  it('is for the readers of the list: not a unit contact, not without a session', async () => {
    for (const format of ['csv', 'xlsx']) {
      expect(errorOf(await (await t.as('unit')).get(`/api/units.${format}`)).code).toBe('FORBIDDEN');
      expect((await t.anonymous.get(`/api/units.${format}`)).statusCode).toBe(401);
      expect((await office.get(`/api/units.${format}?kind=village`)).statusCode).toBe(400);
    }
  });
});

describe('text XML cannot carry', () => {
  it('is left out of the workbooks, which stay readable: a unit named with U+FFFE stored directly in the database', async () => {
    const area = uniq('X');
    const unit = await t.unit({ parentCode: area, name: '县\uFFFE统计\u0001局\uFFFF', contactName: '\u0008张' });
    await refuse(unit.id, 1);
    for (const url of [`/api/reports/laggards.xlsx?parentCode=${area}`, `/api/units.xlsx?parentCode=${area}`]) {
      const { sheet } = await workbookOf(url);
      const headers = sheet.getRow(2).values as unknown[];
      const row = sheet.getRow(3);
      expect(row.getCell(headers.indexOf(url.includes('laggards') ? '单位名称' : '名称')).value, url).toBe('县统计局');
      expect(row.getCell(headers.indexOf('联系人')).value, url).toBe('张');
    }
  });
});
